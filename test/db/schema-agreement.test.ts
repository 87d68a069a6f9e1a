import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { readPrismaSchema } from "../support/prisma-schema";

const db = useTestDatabase();
/** The migration runner's own tables (lib/db/migrate.ts), not part of the schema. */
const BOOKKEEPING = ["schema_migrations", "schema_functions"];

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
        WHERE table_schema = current_schema() AND table_name <> ALL($1)`,
      [BOOKKEEPING],
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
          AND tc.table_name <> ALL($1)
        GROUP BY tc.table_name`,
      [BOOKKEEPING],
    );
    const actual = new Map(rows.map((row) => [row.table_name, row.columns]));
    expect(actual).toEqual(readPrismaSchema().primaryKeys);
  });

  it('compare every text column byte by byte (COLLATE "C"), whatever the database default', async () => {
    // schema.prisma cannot say a collation, so the migrations must: see 20261207040000_text_keys_byte_order.
    const { rows } = await db.pool.query<{ column: string }>(
      `SELECT table_name || '.' || column_name AS column
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> ALL($1)
          AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'
        ORDER BY 1`,
      [BOOKKEEPING],
    );
    expect(rows.map((row) => row.column)).toEqual([]);
  });

  it("declare the same indexes (names, columns in order, sort, uniqueness), or list them as SQL-only", async () => {
    const actual = await databaseIndexes();
    const declared = readPrismaSchema().indexes;
    const plain = actual.filter((index) => !(index.name in SQL_ONLY_INDEXES));
    const comparable = plain.map(({ name, table, columns, unique }) => ({ name, table, columns, unique }));
    expect(comparable.sort(byName)).toEqual([...declared].sort(byName));
    // An index Prisma could declare belongs in schema.prisma, not on the SQL-only list.
    const sqlOnly = actual.filter((index) => index.name in SQL_ONLY_INDEXES);
    expect(sqlOnly.map((index) => [index.name, index.beyondPrisma]).sort()).toEqual(
      Object.keys(SQL_ONLY_INDEXES)
        .map((name) => [name, true])
        .sort(),
    );
  });
});

/**
 * Indexes Prisma cannot declare (a WHERE clause or an expression): the database's own, each with
 * the reason it exists. Everything else the database indexes must be declared in schema.prisma.
 */
const SQL_ONLY_INDEXES: Record<string, string> = {
  usage_events_unpriced_idx: "partial: re-pricing finds a project's unpriced events by model",
  plan_assignments_when_idx: "expression: one assignment per customer (or the default, NULL) and day",
  model_aliases_name_idx: "expression: one alias per case-insensitive name and provider (or any)",
  reprice_runs_running_idx: "partial: one running re-pricing run per dedupe key",
  digest_deliveries_retry_idx: "partial: the digest sender's retry queue",
  alert_deliveries_due_idx: "partial: the alert sender's queue of due deliveries",
  alert_channels_member_idx: "partial: one personal alert channel per member",
};

interface ActualIndex {
  name: string;
  table: string;
  columns: string[];
  unique: boolean;
  /** Partial or on an expression: something schema.prisma cannot say. */
  beyondPrisma: boolean;
}

async function databaseIndexes(): Promise<ActualIndex[]> {
  const { rows } = await db.pool.query<ActualIndex>(
    `SELECT i.relname AS name, t.relname AS "table", ix.indisunique AS unique,
            ix.indpred IS NOT NULL OR ix.indexprs IS NOT NULL AS "beyondPrisma",
            array(SELECT pg_get_indexdef(ix.indexrelid, k, true)
                         || CASE WHEN ix.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
      WHERE t.relnamespace = current_schema()::regnamespace
        AND t.relname <> ALL($1)`,
    [BOOKKEEPING],
  );
  return rows;
}

function arrayBase(udt: string): string {
  return ({ _text: "text", _int8: "bigint", _int4: "integer" } as Record<string, string>)[udt] ?? udt;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

function byKey(a: { table: string; column: string }, b: { table: string; column: string }): number {
  return `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`);
}
