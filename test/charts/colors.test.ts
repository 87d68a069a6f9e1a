import { describe, expect, it } from "vitest";
import { assignColors, OTHER_COLOR, PALETTE, preferredColor } from "@/lib/charts";

describe("assignColors", () => {
  it("gives a key the same colour whatever else is on the chart", () => {
    const alone = assignColors([{ key: "support-bot" }]).get("support-bot");
    expect(alone).toBe(preferredColor("support-bot"));
    const later = assignColors([{ key: "summarize" }, { key: "support-bot" }, { key: "search" }]);
    // Only a collision with an earlier key may move it.
    if (preferredColor("summarize") !== alone) expect(later.get("support-bot")).toBe(alone);
  });

  it("never gives two series of one chart the same colour while the palette lasts", () => {
    const keys = Array.from({ length: PALETTE.length }, (_, i) => ({ key: `customer-${i}` }));
    const colors = new Set(assignColors(keys).values());
    expect(colors.size).toBe(PALETTE.length);
  });

  it("keeps Other grey", () => {
    expect(assignColors([{ key: "__other__", isOther: true }]).get("__other__")).toBe(OTHER_COLOR);
  });

  it("is deterministic across calls", () => {
    const keys = [{ key: "gpt-4o" }, { key: "claude-sonnet-4-5" }, { key: "llama-3.1-8b" }];
    expect([...assignColors(keys)]).toEqual([...assignColors(keys)]);
  });
});
