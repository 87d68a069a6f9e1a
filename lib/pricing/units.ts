/**
 * Usage billed by a unit other than the token: transcription by the second of audio
 * (whisper-1), speech by the character of input text (tts-1, tts-1-hd) and image generation
 * by the picture (dall-e-2, dall-e-3, priced by size and quality). An event carries at most
 * one such quantity, beside or instead of its tokens.
 */
export const UNIT_KINDS = ["second", "character", "image"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitUsage {
  readonly kind: UnitKind;
  /** Whole units (OpenAI bills transcription rounded to the nearest second). */
  readonly quantity: number;
  /** Images only: `<size>:<quality>`, e.g. `1024x1792:hd`. */
  readonly variant?: string;
}

/** OpenAI's defaults when an image request names no size or quality. */
export const DEFAULT_IMAGE_SIZE = "1024x1024";
export const DEFAULT_IMAGE_QUALITY = "standard";

/** The key of a unit price in an entry: `second`, `character`, `image` or `image:<size>:<quality>`. */
export const UNIT_PRICE_KEY = /^(second|character|image(:\d{2,5}x\d{2,5}:[a-z]+)?)$/;

export function unitPriceKey(units: UnitUsage): string {
  return units.variant === undefined ? units.kind : `${units.kind}:${units.variant}`;
}

/** The stored form (`usage_events.unit`, `unit_quantity`) read back; undefined when the event has none. */
export function unitFromStored(unit: string | null, quantity: number): UnitUsage | undefined {
  if (unit === null || quantity === 0) return undefined;
  const colon = unit.indexOf(":");
  const kind = (colon < 0 ? unit : unit.slice(0, colon)) as UnitKind;
  return colon < 0 ? { kind, quantity } : { kind, quantity, variant: unit.slice(colon + 1) };
}

/** How the read API shows a unit quantity: `{"unit": "image", "quantity": 2, "size": "1024x1792", "quality": "hd"}`. */
export interface UnitJson {
  unit: UnitKind;
  quantity: number;
  size?: string;
  quality?: string;
}

export function unitJson(units: UnitUsage): UnitJson {
  if (units.variant === undefined) return { unit: units.kind, quantity: units.quantity };
  const [size, quality] = units.variant.split(":");
  return { unit: units.kind, quantity: units.quantity, ...(size ? { size } : {}), ...(quality ? { quality } : {}) };
}

/** The stored columns as the read APIs show them, null when the event has no unit. */
export function storedUnitJson(unit: string | null, quantity: number): UnitJson | null {
  const units = unitFromStored(unit, quantity);
  return units ? unitJson(units) : null;
}

/** Human words for messages: "60 seconds", "2 1024x1792 hd images". */
export function describeUnits(units: UnitUsage): string {
  const variant = units.variant ? `${units.variant.replace(":", " ")} ` : "";
  return `${units.quantity} ${variant}${units.kind}${units.quantity === 1 ? "" : "s"}`;
}
