/** The client data layer's pure parts: keys nest under the project, requests normalise, answers unwrap. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { itemAnswer, listAnswer } from "@/lib/query/hooks/answers";
import { CATALOG_PAGE_SIZE, catalogParams } from "@/lib/query/hooks/prices";
import { queryKeys } from "@/lib/query/keys";

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  expect(key.slice(0, prefix.length)).toEqual(prefix);

describe("query keys", () => {
  it("every price view sits under the project's prices key, so one price write refreshes them all", () => {
    const prices = queryKeys.prices("p1");
    startsWith(prices, queryKeys.project("p1"));
    for (const key of [
      queryKeys.priceCatalog("p1", { page: "1" }),
      queryKeys.priceHistory("p1", "openai", "gpt-4o"),
      queryKeys.priceList("p1", "overrides"),
      queryKeys.gpuIdle("p1", { from: "2026-01-01", to: "2026-01-31" }),
    ])
      startsWith(key, prices);
    // Another project's keys share nothing past the project id.
    expect(queryKeys.prices("p2")).not.toEqual(prices);
  });

  it("a channel's delivery log sits under the channels key, so a channel write refreshes it", () => {
    startsWith(queryKeys.deliveryLog("p1", "c1"), queryKeys.alertChannels("p1"));
  });
});

describe("catalogParams", () => {
  it("leaves empty filters out and always pages, so equal searches share one cache entry", () => {
    expect(catalogParams({ search: "", provider: "", page: 2 })).toEqual({
      limit: String(CATALOG_PAGE_SIZE),
      page: "2",
    });
    expect(Object.keys(catalogParams({ search: "4o", provider: "openai", page: 1 }))).toEqual([
      "limit",
      "page",
      "provider",
      "search",
    ]);
  });
});

describe("answer helpers", () => {
  it("unwrap the named field after checking it, and refuse the answer without it", () => {
    const rows = listAnswer("rows", z.object({ n: z.number() }));
    expect(rows.parse({ rows: [{ n: 1 }] })).toEqual([{ n: 1 }]);
    expect(rows.safeParse({ items: [{ n: 1 }] }).success).toBe(false);
    expect(rows.safeParse({ rows: [{ n: "1" }] }).success).toBe(false);
    const one = itemAnswer("budget", z.object({ id: z.string() }));
    expect(one.parse({ budget: { id: "b" } })).toEqual({ id: "b" });
    expect(one.safeParse({ budget: null }).success).toBe(false);
  });
});
