import { describe, expect, it } from "vitest";
import { MEASURES, parseScaled, scaledText } from "@/lib/rollups/measures";

describe("rollup measure values", () => {
  it("print as the column's decimal text and parse back, signed, exactly", () => {
    const cases: Array<[bigint, number, string]> = [
      [0n, 0, "0"],
      [42n, 0, "42"],
      [-42n, 0, "-42"],
      [1_500_000n, 6, "1.500000"],
      [1n, 15, "0.000000000000001"],
      [-1n, 15, "-0.000000000000001"],
      [-1_000_000_000_000_001n, 15, "-1.000000000000001"],
    ];
    for (const [value, scale, text] of cases) {
      expect(scaledText(value, scale)).toBe(text);
      expect(parseScaled(text, scale)).toBe(value);
    }
    expect(parseScaled("2.5", 6)).toBe(2_500_000n);
    expect(parseScaled("-3", 15)).toBe(-3_000_000_000_000_000n);
  });

  it("refuse text that is no decimal or has more places than the column", () => {
    expect(() => parseScaled("1e3", 0)).toThrow(/not a decimal/);
    expect(() => parseScaled("0.0000001", 6)).toThrow(/more than 6 decimal places/);
  });

  it("are declared once, each with the scale of its column", () => {
    const byColumn = Object.fromEntries(MEASURES.map((m) => [m.column, m]));
    expect(byColumn.cost_total).toEqual({ column: "cost_total", type: "numeric", scale: 15 });
    expect(byColumn.gpu_seconds).toEqual({ column: "gpu_seconds", type: "numeric", scale: 6 });
    expect(new Set(MEASURES.map((m) => m.column)).size).toBe(MEASURES.length);
  });
});
