/**
 * litellm prices image generation by size and quality under keys of their own,
 * `[provider/][quality/]<width>-x-<height>/<model>` (e.g. `hd/1024-x-1792/dall-e-3`), as a price
 * per pixel. We fold them into the model's entry as per-image prices (`image:<size>:<quality>`).
 *
 * litellm's per-pixel figure is the provider's per-image price divided by the pixel count and
 * cut to a few digits (hd 1024x1024 dall-e-3: 7.629e-08 x 1,048,576 = $0.0799956), so the
 * product is rounded to the tenth of a cent every published image price is a multiple of
 * ($0.080). A product that is not within 0.5% of such a price is reported, not rounded.
 */
import type { Femto } from "../../money";
import { canonicalProvider } from "../providers";
import { DEFAULT_IMAGE_QUALITY } from "../units";

const VARIANT_KEY = /^(?:(?!(?:hd|standard|low|medium|high)\/)[a-z_]+\/)?(?:(hd|standard|low|medium|high)\/)?(\d{2,5})-x-(\d{2,5})\/([^/]+)$/;
const FEMTO_PER_MILLIDOLLAR = 10n ** 12n;
const TOLERANCE = 0.005;

export interface ImageVariant {
  readonly provider: string;
  readonly model: string;
  /** `image:<size>:<quality>`, the unit price key. */
  readonly priceKey: string;
  readonly price: Femto;
}

type VariantReading = { readonly kind: "variant"; readonly variant: ImageVariant } | { readonly kind: "skipped"; readonly detail: string };

/** The per-image price a size/quality key stands for; undefined when the key is not one. */
export function readImageVariant(key: string, raw: unknown): VariantReading | undefined {
  const match = VARIANT_KEY.exec(key);
  if (!match || typeof raw !== "object" || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const perPixel = record.input_cost_per_pixel;
  if (record.mode !== "image_generation" || typeof perPixel !== "number" || !Number.isFinite(perPixel) || typeof record.litellm_provider !== "string") return undefined;
  const [, quality = DEFAULT_IMAGE_QUALITY, width, height, model] = match;
  const exact = perPixel * Number(width) * Number(height);
  const millidollars = Math.round(exact * 1000);
  if (millidollars === 0) return { kind: "skipped", detail: `${key}: a price of $0 per image` };
  if (Math.abs(exact * 1000 - millidollars) > TOLERANCE * millidollars) {
    return { kind: "skipped", detail: `${key}: ${perPixel} $/pixel x ${width}x${height} = $${exact}, not within 0.5% of a tenth of a cent` };
  }
  return {
    kind: "variant",
    variant: {
      provider: canonicalProvider(record.litellm_provider),
      model: model!,
      priceKey: `image:${width}x${height}:${quality}`,
      price: BigInt(millidollars) * FEMTO_PER_MILLIDOLLAR,
    },
  };
}
