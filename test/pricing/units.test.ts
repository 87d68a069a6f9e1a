/**
 * Usage billed by the second, character or image, priced from the committed catalog to the
 * femtodollar against the providers' published prices: whisper-1 $0.006 per minute (billed per
 * second), tts-1 $15 and tts-1-hd $30 per million characters, dall-e-3 and dall-e-2 per image by
 * size and quality (openai.com/api/pricing).
 */
import { describe, expect, test } from "vitest";
import { createPriceBook } from "@/lib/pricing/book";
import { priceUsage, type CostResult } from "@/lib/pricing/cost";
import { readUsage, UsageError } from "@/lib/pricing/normalize";
import { DEFAULT_AT, dollars } from "./support";

const book = createPriceBook();

function priceOf(model: string, usage: Record<string, unknown>, provider = "openai"): CostResult {
  const { tokens, units } = readUsage(usage, provider);
  return priceUsage({ provider, model, tokens, ...(units ? { units } : {}), occurredAt: new Date(DEFAULT_AT) }, book);
}

function cost(model: string, usage: Record<string, unknown>, provider = "openai"): string {
  const result = priceOf(model, usage, provider);
  return result.source === "computed" ? dollars(result.total) : `unpriced: ${result.reason}: ${result.detail}`;
}

describe("units priced from the catalog's per-unit prices", () => {
  test.each([
    ["whisper-1, OpenAI's duration usage, one minute", "whisper-1", { type: "duration", seconds: 60 }, "0.006"],
    ["whisper-1, 61 seconds", "whisper-1", { type: "duration", seconds: 61 }, "0.0061"],
    [
      "whisper-1, fractional seconds round to the nearest second",
      "whisper-1",
      { type: "duration", seconds: 60.4 },
      "0.006",
    ],
    ["whisper-1, plain seconds", "whisper-1", { seconds: 3600 }, "0.36"],
    ["tts-1, 1,200 characters at $15/M", "tts-1", { characters: 1200 }, "0.018"],
    ["tts-1-hd, 1,200 characters at $30/M", "tts-1-hd", { characters: 1200 }, "0.036"],
    ["dall-e-3 with OpenAI's defaults (1024x1024, standard)", "dall-e-3", { images: 1 }, "0.04"],
    ["dall-e-3 hd 1024x1024", "dall-e-3", { images: 1, size: "1024x1024", quality: "hd" }, "0.08"],
    ["dall-e-3 standard 1024x1792", "dall-e-3", { images: 1, size: "1024x1792", quality: "standard" }, "0.08"],
    ["dall-e-3 hd 1024x1792, two images", "dall-e-3", { images: 2, size: "1024x1792", quality: "hd" }, "0.24"],
    ["dall-e-3 hd 1792x1024", "dall-e-3", { images: 1, size: "1792x1024", quality: "hd" }, "0.12"],
    ["dall-e-2 256x256", "dall-e-2", { images: 1, size: "256x256" }, "0.016"],
    ["dall-e-2 512x512", "dall-e-2", { images: 1, size: "512x512" }, "0.018"],
    ["dall-e-2 1024x1024, five images", "dall-e-2", { images: 5, size: "1024x1024" }, "0.1"],
    [
      "gpt-image-1 by the image, high 1024x1536",
      "gpt-image-1",
      { images: 1, size: "1024x1536", quality: "high" },
      "0.25",
    ],
  ] as const)("%s", (_name, model, usage, expected) => {
    expect(cost(model, usage)).toBe(expected);
  });

  test("the exact femtodollars and the unit's provenance", () => {
    const result = priceOf("whisper-1", { type: "duration", seconds: 61 });
    expect(result.source).toBe("computed");
    if (result.source !== "computed") return;
    expect(result.total).toBe(6_100_000_000_000n);
    expect(result.unit).toMatchObject({
      kind: "second",
      quantity: 61,
      unitFemto: 100_000_000_000n,
      cost: 6_100_000_000_000n,
      scope: "catalog",
    });
    expect(result.entryId).toMatch(/^openai:whisper-1@/);
  });

  test("an image size the catalog does not list is unpriced, naming the sizes it lists, never priced as another", () => {
    const result = priceOf("dall-e-3", { images: 1, size: "512x512" });
    expect(result).toMatchObject({ source: "unpriced", reason: "class_not_priced" });
    if (result.source !== "unpriced") return;
    expect(result.detail).toContain("lists no price for 1 512x512 standard image");
    expect(result.detail).toContain("1024x1792 hd");
  });

  test("a quality dall-e-2 does not have is unpriced", () => {
    expect(cost("dall-e-2", { images: 1, quality: "hd" })).toMatch(/^unpriced: class_not_priced: .*1024x1024 hd image/);
  });

  test("a unit the model is not billed in is unpriced (seconds of gpt-4o)", () => {
    expect(cost("gpt-4o", { seconds: 60 })).toMatch(/^unpriced: class_not_priced: .*no price for 60 seconds/);
  });

  test("an unknown model billed by the unit is unpriced as any unknown model", () => {
    expect(cost("whisper-9", { seconds: 60 })).toMatch(/^unpriced: unknown_model/);
  });

  test.each([
    [{ type: "duration", seconds: -1 }, "usage.seconds"],
    [{ type: "duration", seconds: "60" }, "usage.seconds"],
    [{ characters: 1.5 }, "usage.characters"],
    [{ characters: 10, voice: "alloy" }, "usage.voice"],
    [{ images: 1, size: "big" }, "usage.size"],
    [{ images: 1, quality: "HD!" }, "usage.quality"],
    [{ images: 10_001 }, "usage.images"],
    [{ seconds: 604_801 }, "usage.seconds"],
    [{ characters: 100_000_001 }, "usage.characters"],
  ])("rejects %j on %s", (usage, field) => {
    expect(() => readUsage(usage, "openai")).toThrow(UsageError);
    try {
      readUsage(usage, "openai");
    } catch (error) {
      expect((error as UsageError).field).toBe(field);
    }
  });
});
