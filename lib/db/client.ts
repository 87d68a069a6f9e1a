import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

/**
 * One pg pool and one Prisma client per process, both on the same URL. With no DATABASE_URL
 * the launcher (lib/launcher/start.ts) or the CLI owns the embedded database and sets it.
 * Hot paths (ingestion, analytics) use the pool with set-based SQL; CRUD uses Prisma.
 */
export interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
}

const holder = globalThis as typeof globalThis & { __inferledgerDb?: Database & { url: string } };

// numeric stays a string (exact); bigint counts fit in JS numbers for token totals.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function databaseUrl(): string {
  const url = getEnv().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start` (it opens the embedded database) " +
        "or set DATABASE_URL to a PostgreSQL URL.",
    );
  }
  return url;
}

export function getDb(): Database {
  const url = databaseUrl();
  if (holder.__inferledgerDb?.url === url) return holder.__inferledgerDb;
  // Every statement has a time budget, so no request holds a worker and a connection forever;
  // a new connection after a database restart is made on the next checkout.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    statement_timeout: getEnv().DATABASE_STATEMENT_TIMEOUT_MS,
  });
  pool.on("error", (error) => console.error("[db] idle client error:", error.message));
  const schema = searchPathSchema(url);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  holder.__inferledgerDb = { url, pool, prisma };
  return holder.__inferledgerDb;
}

/**
 * Prisma qualifies every table with a schema ("public" unless told), so a URL that selects
 * another schema through `options=-c search_path=...` (the tests and benchmarks do) must
 * tell the adapter too; pg queries follow search_path on their own.
 */
function searchPathSchema(url: string): string | undefined {
  try {
    const options = new URL(url).searchParams.get("options") ?? "";
    return /(?:^|\s)-c\s*search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options)?.[1];
  } catch {
    return undefined;
  }
}

export async function closeDb(): Promise<void> {
  const db = holder.__inferledgerDb;
  holder.__inferledgerDb = undefined;
  if (!db) return;
  await db.prisma.$disconnect();
  await db.pool.end();
}
