import { describe, expect, it } from "vitest";
import { trimToCents, usdToFemto } from "@/lib/money";
import { unpackHistogram, packHistogram, LATENCY_BUCKET_COUNT } from "@/lib/ingest/latency-buckets";
import { seededRandom, type Random } from "../fuzz/random";

/** The rules written plainly (the library scans instead, for speed): the reference for the property checks. */
function referenceTrim(decimal: string): string {
  const [whole, fraction = ""] = (decimal.includes(".") ? decimal : `${decimal}.`).split(".") as [string, string?];
  const significant = fraction.replace(/0+$/, "");
  return `${whole === "-0" && significant === "" ? "0" : whole}.${significant.padEnd(2, "0")}`;
}
function referenceFemto(value: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new RangeError("not a decimal");
  const [, sign, whole, fraction = ""] = match;
  if (/[1-9]/.test(fraction.slice(15))) throw new RangeError("too many places");
  const femto = BigInt(whole! + fraction.slice(0, 15).padEnd(15, "0"));
  return sign ? -femto : femto;
}

function randomDecimal(random: Random): string {
  const digits = (count: number) =>
    Array.from({ length: count }, () => (random.chance(0.4) ? "0" : String(random.int(10)))).join("");
  const sign = random.chance(0.3) ? "-" : "";
  const places = random.int(20);
  return `${sign}${digits(1 + random.int(6))}${random.chance(0.9) ? `.${digits(places)}` : ""}`;
}

describe("amounts as text", () => {
  it("parse PostgreSQL's numeric(38,15) text and every other plain decimal exactly", () => {
    expect(usdToFemto("12.345000000000000")).toBe(12_345_000_000_000_000n);
    expect(usdToFemto("-0.000000000000001")).toBe(-1n);
    expect(usdToFemto("-0.000000000000000")).toBe(0n);
    expect(usdToFemto("0.000000125")).toBe(125_000_000n);
    expect(usdToFemto("3")).toBe(3_000_000_000_000_000n);
    for (const refused of [
      "0x1.000000000000000",
      "+1.000000000000000",
      "1e5.000000000000000",
      "1.5e3",
      "",
      "1.0000000000000001",
    ])
      expect(() => usdToFemto(refused), refused).toThrow(RangeError);
    const random = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const value = randomDecimal(random);
      let expected: bigint | "refused";
      try {
        expected = referenceFemto(value);
      } catch {
        expected = "refused";
      }
      if (expected === "refused") expect(() => usdToFemto(value), value).toThrow(RangeError);
      else expect(usdToFemto(value), value).toBe(expected);
    }
  });

  it("trim zeros past the cents, keep two places and never show a negative zero", () => {
    expect(trimToCents("12.340000")).toBe("12.34");
    expect(trimToCents("0.000000125000000")).toBe("0.000000125");
    expect(trimToCents("12.3")).toBe("12.30");
    expect(trimToCents("12.")).toBe("12.00");
    expect(trimToCents("100")).toBe("100.00");
    expect(trimToCents("-0.50")).toBe("-0.50");
    expect(trimToCents("-0.000")).toBe("0.00");
    expect(trimToCents("-0")).toBe("0.00");
    const random = seededRandom(11);
    for (let i = 0; i < 20_000; i++) {
      const value = randomDecimal(random);
      expect(trimToCents(value), value).toBe(referenceTrim(value));
    }
  });

  it("unpack a latency histogram from its numeric text, with or without a zero fraction", () => {
    const counts = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) => (i % 3 === 0 ? i * 1000 + 7 : 0));
    const packed = packHistogram(counts);
    expect(unpackHistogram(packed)).toEqual(counts);
    expect(unpackHistogram(`${packed}.000`)).toEqual(counts);
    expect(unpackHistogram("0")).toEqual(new Array(LATENCY_BUCKET_COUNT).fill(0));
  });
});
