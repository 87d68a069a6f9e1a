import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { readPrismaSchema } from "../support/prisma-schema";

const db = useTestDatabase();

describe(`schema.prisma and the migrated database (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("declare the same tables, columns, types and nullability", async () => {
    const { rows } = await db.pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
    );
    const actual = rows
      .map((row) => ({
        table: row.table_name,
        column: row.column_name,
        dataType: row.data_type === "ARRAY" ? `${arrayBase(row.udt_name)}[]` : row.data_type,
        nullable: row.is_nullable === "YES",
      }))
      .sort(byKey);
    const declared = readPrismaSchema().columns.sort(byKey);
    expect(actual).toEqual(declared);
  });

  it("declare the same primary keys", async () => {
    const { rows } = await db.pool.query<{ table_name: string; columns: string[] }>(
      `SELECT tc.table_name, array_agg(kcu.column_name::text ORDER BY kcu.ordinal_position) AS columns
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
          AND tc.table_name <> 'schema_migrations'
        GROUP BY tc.table_name`,
    );
    const actual = new Map(rows.map((row) => [row.table_name, row.columns]));
    expect(actual).toEqual(readPrismaSchema().primaryKeys);
  });
});

function arrayBase(udt: string): string {
  return ({ _text: "text", _int8: "bigint", _int4: "integer" } as Record<string, string>)[udt] ?? udt;
}

function byKey(a: { table: string; column: string }, b: { table: string; column: string }): number {
  return `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`);
}
