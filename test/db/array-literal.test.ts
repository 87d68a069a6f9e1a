import { describe, expect, it } from "vitest";
import { numberArrayLiteral, textArrayLiteral } from "@/lib/db/array-literal";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();

describe("array literals for bulk parameters", () => {
  it("round-trips every awkward text through PostgreSQL's array parser, NULL included", async () => {
    const values = [
      "plain",
      "",
      "NULL",
      "null",
      'say "hi"',
      "back\\slash",
      "a,b",
      "{braces}",
      " spaced ",
      "tab\there",
      "new\nline",
      "ünïcødé ✓",
      '\\"',
      null,
    ];
    const { rows } = await db.pool.query<{ out: (string | null)[] }>("SELECT $1::text[] AS out", [
      textArrayLiteral(values),
    ]);
    expect(rows[0]!.out).toEqual(values);
  });

  it("writes integers, exact decimals and NULL for numeric arrays", async () => {
    const values = [0, -7, 9007199254740991, "0.000000000000001", "-123456789.123456789012345", null];
    const { rows } = await db.pool.query<{ out: (string | null)[] }>("SELECT $1::numeric[]::text[] AS out", [
      numberArrayLiteral(values),
    ]);
    expect(rows[0]!.out).toEqual([
      "0",
      "-7",
      "9007199254740991",
      "0.000000000000001",
      "-123456789.123456789012345",
      null,
    ]);
  });

  it("gives empty arrays for no values", async () => {
    const { rows } = await db.pool.query("SELECT cardinality($1::text[]) AS t, cardinality($2::int8[]) AS n", [
      textArrayLiteral([]),
      numberArrayLiteral([]),
    ]);
    expect(rows[0]).toEqual({ t: 0, n: 0 });
  });
});
