import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { buildPriceBook, serializePriceBook } from "@/lib/pricing/catalog/build";
import { catalogStats, loadCatalog } from "@/lib/pricing/catalog";
import { femtoToPerMillion } from "@/lib/pricing/catalog/format";

const DATA = new URL("../../lib/pricing/catalog/sources", import.meta.url).pathname;
const readJson = (name: string): unknown => JSON.parse(readFileSync(`${DATA}/${name}`, "utf8"));
const committed = readFileSync(new URL("../../lib/pricing/catalog/price-book.json", import.meta.url), "utf8");
const build = () =>
  buildPriceBook(
    readJson("litellm-model-prices.json") as Record<string, unknown>,
    readJson("langfuse-default-model-prices.json"),
    { sourceDate: "2026-11-27" },
  );

describe("generator", () => {
  const { book, report } = build();

  test("regenerates the committed file byte for byte", () => {
    expect(serializePriceBook(book)).toBe(committed);
  });
  test("the version is stable and carries the source date", () => {
    expect(build().book.version).toBe(book.version);
    expect(book.version).toMatch(/^2026-11-27\.[0-9a-f]{12}$/);
  });
  test("holds more than 2000 per-token priced models", () => {
    expect(report.entries).toBeGreaterThan(2000);
    expect(book.entry_count).toBe(book.entries.length);
  });
  test("reports the prices finer than 1e-15 $ per token instead of rounding them", () => {
    expect(report.unrepresentable.filter((line) => line.startsWith("databricks/"))).toHaveLength(23);
    const others = report.unrepresentable.filter((line) => !line.startsWith("databricks/"));
    // $0.017/min realtime transcription is 0.000283... $/s, a repeating decimal.
    expect(others.filter((line) => line.includes("gpt-realtime-whisper: more than 15 decimal places"))).toHaveLength(2);
    // Per-pixel image prices that do not land on a tenth of a cent (or land on $0) are reported, not rounded.
    expect(
      others
        .filter((line) => line.includes("/pixel") || line.includes("$0 per image"))
        .map((line) => line.split(":")[0]),
    ).toEqual([
      "azure/high/1024-x-1024/gpt-image-1-mini",
      "azure/high/1536-x-1024/gpt-image-1-mini",
      "azure/low/1024-x-1024/gpt-image-1-mini",
      "azure/low/1024-x-1536/gpt-image-1-mini",
      "azure/low/1536-x-1024/gpt-image-1-mini",
      "azure/medium/1024-x-1024/gpt-image-1-mini",
      "azure/medium/1024-x-1536/gpt-image-1-mini",
      "azure/medium/1536-x-1024/gpt-image-1-mini",
      "azure/standard/1024-x-1024/dall-e-2",
    ]);
    expect(others).toHaveLength(11);
  });
  test("corrects the 1-hour cache writes that break Anthropic's 2x rule", () => {
    expect(report.anthropicFindings.filter((f) => f.finding.includes("corrected")).map((f) => f.sourceKey)).toEqual([
      "claude-3-haiku-20240307",
      "claude-3-opus-20240229",
    ]);
  });
  test("reports where langfuse and litellm disagree", () => {
    expect(report.langfuseDisagreements).toContainEqual({
      model: "gemini-2.0-flash-001",
      tokenClass: "input",
      litellm: "0.15",
      langfuse: "0.1",
    });
  });
});

describe("known entries", () => {
  const catalog = loadCatalog();
  const find = (provider: string, model: string) =>
    catalog.entries.find((e) => e.provider === provider && e.model === model);
  const perMillion = (
    provider: string,
    model: string,
    tier: "standard" | "batch" | "flex" | "priority",
    above: number,
  ) => {
    const band = find(provider, model)?.tiers[tier]?.find((b) => b.above === above);
    return Object.fromEntries(Object.entries(band?.prices ?? {}).map(([k, v]) => [k, femtoToPerMillion(v)]));
  };

  test("OpenAI gpt-4o: cached input at half the input price, batch at half", () => {
    expect(perMillion("openai", "gpt-4o", "standard", 0)).toEqual({ input: "2.5", cache_read: "1.25", output: "10" });
    expect(perMillion("openai", "gpt-4o", "batch", 0)).toEqual({ input: "1.25", output: "5" });
  });
  test("Anthropic Sonnet 4.5: write 5m 1.25x, 1h 2x, read 0.1x, long context above 200k", () => {
    expect(perMillion("anthropic", "claude-sonnet-4-5", "standard", 0)).toEqual({
      input: "3",
      cache_read: "0.3",
      cache_write_5m: "3.75",
      cache_write_1h: "6",
      output: "15",
    });
    expect(perMillion("anthropic", "claude-sonnet-4-5", "standard", 200000)).toEqual({
      input: "6",
      cache_read: "0.6",
      cache_write_5m: "7.5",
      cache_write_1h: "12",
      output: "22.5",
    });
  });
  test("Gemini 2.5 Pro doubles input above 200k tokens", () => {
    expect(perMillion("google", "gemini-2.5-pro", "standard", 200000)).toMatchObject({ input: "2.5", output: "15" });
  });
  test("GPT-5.4 has a 272k band and priority prices", () => {
    expect(perMillion("openai", "gpt-5.4", "standard", 272000)).toEqual({
      input: "5",
      cache_read: "0.5",
      output: "22.5",
    });
    expect(perMillion("openai", "gpt-5.4", "priority", 0)).toMatchObject({ input: "5", output: "30" });
  });
  test("providers are normalised and the original key kept", () => {
    const json = JSON.parse(committed) as { entries: Array<{ provider: string; model: string; source_key: string }> };
    expect(json.entries.find((e) => e.source_key === "gemini/gemini-2.5-pro")).toMatchObject({
      provider: "google",
      model: "gemini-2.5-pro",
    });
    expect(json.entries.find((e) => e.source_key === "vertex_ai/claude-opus-4-6")).toMatchObject({
      provider: "vertex",
      model: "claude-opus-4-6",
    });
    expect(new Set(json.entries.map((e) => e.provider))).toEqual(
      new Set(catalogStats().providers.map((p) => p.provider)),
    );
  });
  test("catalogStats reports size, providers and version", () => {
    const stats = catalogStats();
    expect(stats.entries).toBe(catalog.entries.length);
    expect(stats.version).toBe(JSON.parse(committed).version);
    expect(stats.providers[0]).toEqual({ provider: "bedrock", entries: expect.any(Number) });
    expect(stats.providers.map((p) => p.provider)).toEqual(
      expect.arrayContaining([
        "openai",
        "azure",
        "anthropic",
        "google",
        "vertex",
        "mistral",
        "cohere",
        "deepseek",
        "xai",
        "groq",
        "together",
        "fireworks",
      ]),
    );
  });
});
