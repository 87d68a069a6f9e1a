import { describe, expect, it } from "vitest";
import { foldTopN, prepareBreakdown } from "@/lib/charts";

const items = [
  { key: "c", amount: "0.000000125" },
  { key: "a", amount: "10.10" },
  { key: "b", amount: "10.10" },
  { key: "d", amount: "0.000000250" },
  { key: "e", amount: "3" },
];

describe("foldTopN", () => {
  it("keeps the largest N and folds the rest into an exact Other", () => {
    const { top, other } = foldTopN(items, 2);
    expect(top.map((item) => item.key)).toEqual(["a", "b"]);
    expect(other).toEqual({ key: "__other__", amount: "3.000000375000000", count: 3, keys: ["e", "d", "c"] });
  });

  it("breaks ties by key, whatever the input order", () => {
    expect(foldTopN([...items].reverse(), 1).top[0]!.key).toBe("a");
  });

  it("does not fold a single leftover item into Other", () => {
    const { top, other } = foldTopN(items, 4);
    expect(top).toHaveLength(5);
    expect(other).toBeNull();
  });

  it("returns no Other when everything fits", () => {
    expect(foldTopN(items, 10).other).toBeNull();
  });
});

describe("prepareBreakdown", () => {
  it("gives shares of the exact total, the parts adding up to it", () => {
    const rows = [
      { key: "acme", spend: "0.10", requests: 3 },
      { key: "globex", spend: "0.20", requests: 1 },
      { key: "initech", spend: "0.05", requests: 2 },
      { key: "umbrella", spend: "0.05", requests: 4 },
      { key: "", spend: "0.60", requests: 10 },
    ];
    const { items: out, total } = prepareBreakdown(rows, 2);
    expect(total).toBe("1.000000000000000");
    expect(out.map((item) => item.label)).toEqual(["(not set)", "globex", "Other (3)"]);
    expect(out[2]).toMatchObject({ spend: "0.200000000000000", requests: 9, isOther: true, color: "#94a3b8" });
    expect(out.map((item) => item.share)).toEqual([0.6, 0.2, 0.2]);
  });

  it("has no shares when nothing was spent", () => {
    expect(prepareBreakdown([{ key: "a", spend: "0.00", requests: 1 }]).items[0]!.share).toBeNull();
  });
});

describe("prepareBreakdown of a top list", () => {
  it("shows shares of the whole period and the rest of it as All others", () => {
    const top = [
      { key: "acme", spend: "40.00", requests: 40 },
      { key: "globex", spend: "10.00", requests: 5 },
    ];
    const { items: out } = prepareBreakdown(top, 5, { spend: "100.00", requests: 60 });
    expect(out.map((item) => [item.label, item.share])).toEqual([
      ["acme", 0.4],
      ["globex", 0.1],
      ["All others", 0.5],
    ]);
    expect(out[2]).toMatchObject({ spend: "50.000000000000000", requests: 15 });
  });

  it("has no All others row when the top list is everything", () => {
    const { items: out } = prepareBreakdown([{ key: "acme", spend: "1.00", requests: 1 }], 5, {
      spend: "1.00",
      requests: 1,
    });
    expect(out).toHaveLength(1);
  });
});
