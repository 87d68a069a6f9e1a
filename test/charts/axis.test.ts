import { describe, expect, it } from "vitest";
import { formatTick, labelInterval, niceScale } from "@/lib/charts";

describe("niceScale", () => {
  it("covers the maximum with 1-2-2.5-5 steps", () => {
    expect(niceScale(87).ticks.map((tick) => tick.value)).toEqual([0, 25, 50, 75, 100]);
    expect(niceScale(1234).ticks.map((tick) => tick.text)).toEqual(["0", "500", "1000", "1500"]);
    expect(niceScale(4).max).toBe(4);
  });

  it("builds fractional ticks from exact decimal text", () => {
    const ticks = niceScale(0.9).ticks.map((tick) => tick.text);
    expect(ticks).toEqual(["0", "0.25", "0.5", "0.75", "1"]);
    expect(niceScale(0.0003).ticks.map((tick) => tick.text)).toContain("0.0001");
    expect(niceScale(0.3).ticks.map((tick) => tick.text)).toEqual(["0", "0.1", "0.2", "0.3"]);
  });

  it("gives an empty chart a 0..1 axis", () => {
    expect(niceScale(0)).toEqual({
      max: 1,
      ticks: [
        { value: 0, text: "0" },
        { value: 1, text: "1" },
      ],
    });
  });
});

describe("formatTick", () => {
  it("labels money ticks compactly with the currency", () => {
    expect(formatTick({ value: 1500, text: "1500" }, "usd")).toBe("$1.5k");
    expect(formatTick({ value: 0, text: "0" }, "usd")).toBe("$0");
    expect(formatTick({ value: 0.25, text: "0.25" }, "usd")).toBe("$0.25");
    expect(formatTick({ value: 0.0001, text: "0.0001" }, "usd")).toBe("$0.0001");
  });

  it("labels token ticks with K and M", () => {
    expect(formatTick({ value: 2_500_000, text: "2500000" }, "tokens")).toBe("2.5M");
  });
});

describe("labelInterval", () => {
  it("thins labels to fit", () => {
    expect(labelInterval(7, 12)).toBe(1);
    expect(labelInterval(90, 12)).toBe(8);
  });
});
