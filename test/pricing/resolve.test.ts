import { describe, expect, test } from "vitest";
import { createPriceBook } from "@/lib/pricing/book";
import { loadCatalog, type Catalog } from "@/lib/pricing/catalog";
import { compileCatalogEntry } from "@/lib/pricing/entry-schema";
import { resolveModel, resolvePrice } from "@/lib/pricing/resolve";

const book = createPriceBook({
  aliases: [
    { provider: "azure", alias: "prod-4o", model: "gpt-4o" },
    { provider: "azure", alias: "eu-mini", model: "gpt-4o-mini", targetProvider: "openai" },
  ],
});
const AT = Date.parse("2026-11-20T00:00:00Z");

function modelFor(provider: string | undefined, model: string): string | undefined {
  const resolution = resolveModel(book, provider, model);
  return resolution.found ? `${resolution.provider}:${resolution.model}` : undefined;
}

describe("names that must match", () => {
  test.each([
    ["openai", "gpt-4o", "openai:gpt-4o"],
    ["openai", "GPT-4o", "openai:gpt-4o"],
    ["openai", "openai/gpt-4o", "openai:gpt-4o"],
    [undefined, "openai/gpt-4o", "openai:gpt-4o"],
    ["openai", "gpt-4o-2024-08-06", "openai:gpt-4o-2024-08-06"],
    ["openai", "gpt-4o-2031-02-03", "openai:gpt-4o"],
    ["openai", "gpt-4o-mini", "openai:gpt-4o-mini"],
    ["openai", "gpt-4o-mini-2031-02-03", "openai:gpt-4o-mini"],
    ["anthropic", "claude-sonnet-4-5-20991231", "anthropic:claude-sonnet-4-5"],
    ["azure", "prod-4o", "azure:gpt-4o"],
    ["azure", "eu-mini", "openai:gpt-4o-mini"],
    ["azure", "azure/gpt-4o", "azure:gpt-4o"],
    ["gemini", "models/gemini-2.5-pro", "google:gemini-2.5-pro"],
    ["vertex_ai", "gemini-2.5-pro", "vertex:gemini-2.5-pro"],
    ["vertex_ai", "claude-opus-4-6@default", "vertex:claude-opus-4-6@default"],
    ["openai", "gpt-35-turbo", "openai:gpt-3.5-turbo"],
    [undefined, "claude-sonnet-4-5", "anthropic:claude-sonnet-4-5"],
    [undefined, "gemini-2.5-pro", "google:gemini-2.5-pro"],
    ["together_ai", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "together:meta-llama/Llama-3.3-70B-Instruct-Turbo"],
  ] as const)("%s / %s -> %s", (provider, model, expected) => {
    expect(modelFor(provider, model)).toBe(expected);
  });
});

describe("names that must not match", () => {
  test.each([
    ["openai", "gpt-4o-mini-turbo"],
    ["openai", "my-gpt-4o"],
    ["openai", "gpt-4" + "o-latest-preview-x"],
    ["openai", "gpt-4o/extra"],
    ["anthropic", "gpt-4o"],
    ["openai", "prod-4o"],
    ["openai", "claude-sonnet-4-5"],
    ["anthropic", "claude-sonnet"],
  ] as const)("%s / %s", (provider, model) => {
    expect(modelFor(provider, model)).toBeUndefined();
  });

  test("gpt-4o and gpt-4o-mini never price each other", () => {
    const big = resolvePrice(book, { provider: "openai", model: "gpt-4o", at: AT });
    const mini = resolvePrice(book, { provider: "openai", model: "gpt-4o-mini", at: AT });
    expect(big.status === "priced" && big.entry.model).toBe("gpt-4o");
    expect(mini.status === "priced" && mini.entry.model).toBe("gpt-4o-mini");
  });
});

describe("no price", () => {
  test("lists near matches, closest first", () => {
    const resolution = resolvePrice(book, { provider: "openai", model: "gpt-4o-minx", at: AT });
    expect(resolution.status).toBe("unpriced");
    if (resolution.status === "unpriced") {
      expect(resolution.reason).toBe("unknown_model");
      expect(resolution.suggestions[0]).toBe("openai:gpt-4o-mini");
    }
  });
  test("suggests within the provider only", () => {
    const resolution = resolvePrice(book, { provider: "anthropic", model: "claude-sonet-4-5", at: AT });
    expect(resolution.status === "unpriced" && resolution.suggestions).toContain("anthropic:claude-sonnet-4-5");
    expect(resolution.status === "unpriced" && resolution.suggestions.every((s) => s.startsWith("anthropic:"))).toBe(
      true,
    );
  });
});

describe("effective dates", () => {
  const base = loadCatalog();
  const entry = (from: string, input: string) =>
    compileCatalogEntry({
      id: `openai:dated-model@${from}`,
      provider: "openai",
      model: "dated-model",
      source_key: "dated-model",
      source_provider: "openai",
      mode: "chat",
      effective_from: from,
      tiers: { standard: [{ above: 0, usd_per_mtok: { input } }] },
    });
  const catalog: Catalog = { ...base, entries: [...base.entries, entry("2026-06-01", "2"), entry("2026-01-01", "1")] };
  const dated = createPriceBook({ catalog });
  const idAt = (iso: string) => {
    const resolution = resolvePrice(dated, { provider: "openai", model: "dated-model", at: Date.parse(iso) });
    return resolution.status === "priced" ? [resolution.entry.id, resolution.dateRule] : undefined;
  };

  test("the entry in force at the event wins", () => {
    expect(idAt("2026-05-31T23:59:59.999Z")).toEqual(["openai:dated-model@2026-01-01", "in_force"]);
    expect(idAt("2026-06-01T00:00:00Z")).toEqual(["openai:dated-model@2026-06-01", "in_force"]);
  });
  test("history before the first entry takes the first entry", () => {
    expect(idAt("2020-01-01T00:00:00Z")).toEqual(["openai:dated-model@2026-01-01", "before_first_entry"]);
  });
});

test("resolution is cached per book and stays correct", () => {
  const first = resolveModel(book, "openai", "gpt-4o");
  expect(resolveModel(book, "openai", "gpt-4o")).toBe(first);
  expect(resolveModel(book, "openai", "gpt-4o-mini")).not.toBe(first);
});
