import { describe, expect, it } from "vitest";
import { readCsv } from "@/lib/margins/csv";
import { parseRevenueCsv, unknownCustomerErrors, type RevenueCsvResult } from "@/lib/margins/revenue-csv";
import { usd } from "./fixtures";

const errorsOf = (result: RevenueCsvResult) => (result.ok ? [] : result.errors);

describe("readCsv (RFC 4180)", () => {
  it("reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and LF", () => {
    const records = readCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n\nlast,1');
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'say "hi"'] },
      { line: 3, fields: ["two\nlines", "z"] },
      { line: 6, fields: ["last", "1"] }, // line 5 is blank and skipped
    ]);
  });

  it("flags stray, trailing and unterminated quotes", () => {
    expect(readCsv('ab"c,d')[0]?.error).toMatch(/field 1: a quote may only open a field/);
    expect(readCsv('"ab"c,d')[0]?.error).toMatch(/field 1: text after the closing quote/);
    expect(readCsv('a,"never closed\n')[0]?.error).toMatch(/field 2: the quote opened here is never closed/);
  });
});

describe("parseRevenueCsv", () => {
  it("returns every row when all are valid", () => {
    const csv =
      '\uFEFFcustomer,month,revenue_usd,currency\r\n"Acme, Inc.",2026-03,1234.50,USD\r\nbeta,2026-03,0.000000000000001,\r\nbeta,2026-04,-20,usd\r\n';
    expect(parseRevenueCsv(csv)).toEqual({
      ok: true,
      rows: [
        { customer: "Acme, Inc.", month: "2026-03", revenue: usd("1234.5"), line: 2 },
        { customer: "beta", month: "2026-03", revenue: 1n, line: 3 },
        { customer: "beta", month: "2026-04", revenue: usd("-20"), line: 4 }, // a credit note
      ],
    });
  });

  it("accepts the columns in any order, without currency", () => {
    expect(parseRevenueCsv("Month, Revenue_USD ,customer\n2026-01,10,acme")).toEqual({
      ok: true,
      rows: [{ customer: "acme", month: "2026-01", revenue: usd("10"), line: 2 }],
    });
  });

  it("rejects a bad header before looking at rows", () => {
    expect(errorsOf(parseRevenueCsv(""))).toEqual([
      { line: 1, field: "header", reason: "the file is empty; expected the header customer,month,revenue_usd" },
    ]);
    expect(errorsOf(parseRevenueCsv("customer,month,revenue_usd\n"))).toEqual([
      { line: 1, field: "header", reason: "the file has a header but no rows" },
    ]);
    expect(errorsOf(parseRevenueCsv("customer,month,amount,month\nacme,2026-01,1,2026-01"))).toEqual([
      {
        line: 1,
        field: "header",
        reason: 'unknown column "amount"; expected customer,month,revenue_usd and optionally currency',
      },
      { line: 1, field: "header", reason: 'column "month" appears twice' },
      { line: 1, field: "header", reason: 'missing column "revenue_usd"' },
    ]);
  });

  it("reports every bad row with its line, field and reason, and imports nothing", () => {
    const csv = [
      "customer,month,revenue_usd,currency",
      "acme,2026-01,100,USD", // 2: fine
      ",2026-01,5,", // 3: empty customer
      "beta,2026-13,5,", // 4: month 13
      "beta,03/2026,5,", // 5: wrong month format
      'gamma,2026-02,"$1,200",', // 6: currency sign and separator
      "gamma,2026-03,1e3,", // 7: exponent
      "gamma,2026-04,,", // 8: empty amount
      "gamma,2026-05,0.1234567890123456,", // 9: 16 decimal places
      "delta,2026-01,5,EUR", // 10: not USD
      "acme,2026-01,7,", // 11: duplicate of line 2
      "too,few", // 12: field count
      'str"ay,2026-01,1,', // 13: stray quote
      "x,2026-01,1,,", // 14: one field too many
    ].join("\n");
    const result = parseRevenueCsv(csv);
    expect(result).toMatchObject({ ok: false, rowsRead: 13, rowsRejected: 12 });
    expect(errorsOf(result)).toEqual([
      { line: 3, field: "customer", reason: "is empty" },
      { line: 4, field: "month", reason: '"2026-13" is not a month written YYYY-MM, like 2026-03' },
      { line: 5, field: "month", reason: '"03/2026" is not a month written YYYY-MM, like 2026-03' },
      {
        line: 6,
        field: "revenue_usd",
        reason:
          '"$1,200" is not a plain decimal amount of dollars (no currency sign, thousands separator or exponent), like 1234.50',
      },
      {
        line: 7,
        field: "revenue_usd",
        reason:
          '"1e3" is not a plain decimal amount of dollars (no currency sign, thousands separator or exponent), like 1234.50',
      },
      {
        line: 8,
        field: "revenue_usd",
        reason:
          "an empty value is not a plain decimal amount of dollars (no currency sign, thousands separator or exponent), like 1234.50",
      },
      { line: 9, field: "revenue_usd", reason: "has 16 decimal places; at most 15 are allowed" },
      { line: 10, field: "currency", reason: '"EUR" is not supported; amounts must be in USD' },
      { line: 11, field: "row", reason: "duplicates line 2 (same customer and month)" },
      { line: 12, field: "row", reason: "expected 4 fields, found 2" },
      { line: 13, field: "row", reason: "field 1: a quote may only open a field or be doubled inside quotes" },
      { line: 14, field: "row", reason: "expected 4 fields, found 5" },
    ]);
  });

  it("reports several bad fields of one row together", () => {
    expect(errorsOf(parseRevenueCsv("customer,month,revenue_usd\n,2026,x")).map((e) => e.field)).toEqual([
      "customer",
      "month",
      "revenue_usd",
    ]);
  });

  it("points an unterminated quote at the line where its record starts", () => {
    expect(
      errorsOf(parseRevenueCsv('customer,month,revenue_usd\nacme,2026-01,1\n"open,2026-02,2\nb,2026-03,3')),
    ).toEqual([{ line: 3, field: "row", reason: "field 1: the quote opened here is never closed" }]);
  });

  it("limits the number of rows per import", () => {
    const csv = ["customer,month,revenue_usd", "a,2026-01,1", "b,2026-01,1", "c,2026-01,1"].join("\n");
    expect(errorsOf(parseRevenueCsv(csv, { maxRows: 2 }))).toEqual([
      { line: 4, field: "row", reason: "too many rows: at most 2 per import" },
    ]);
  });
});

describe("unknownCustomerErrors", () => {
  const parsed = parseRevenueCsv(
    "customer,month,revenue_usd\nacme,2026-03,10\nnot-a-customer,2026-03,100\nnew-co,2026-03,5\nnot-a-customer,2026-04,1",
  );
  const rows = parsed.ok ? parsed.rows : [];

  it("refuses every line of a customer that never sent an event, by line", () => {
    expect(
      unknownCustomerErrors(rows, new Set(["acme"]), new Set(["new-co"])).map(
        (e) => `${e.line}:${e.field}:${e.reason.slice(0, 40)}`,
      ),
    ).toEqual([
      '3:customer:"not-a-customer" never sent an event to ',
      '5:customer:"not-a-customer" never sent an event to ',
    ]);
  });

  it("accepts them all once each is confirmed by name", () => {
    expect(unknownCustomerErrors(rows, new Set(["acme"]), new Set(["new-co", "not-a-customer"]))).toEqual([]);
  });
});
