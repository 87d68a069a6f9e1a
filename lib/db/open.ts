import pg from "pg";
import { getEnv } from "@/lib/env";
import { findOwner, startEmbedded } from "./embedded";
import { migrate, type MigrationReport } from "./migrate";

/**
 * Where a process finds its database: DATABASE_URL when set; otherwise the embedded one,
 * through its live owner if there is one, or by becoming the owner for as long as it runs.
 */
interface OpenedDatabase {
  url: string;
  embedded: boolean;
  /** True when this process owns the embedded database and must keep running to serve it. */
  owner: boolean;
  close(): Promise<void>;
}

export async function openDatabase(options: { requireOwnership?: boolean } = {}): Promise<OpenedDatabase> {
  const env = getEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, owner: false, close: async () => {} };
  const existing = await findOwner(env.INFERLEDGER_DATA_DIR);
  if (existing && !options.requireOwnership) {
    return { url: existing, embedded: true, owner: false, close: async () => {} };
  }
  const owner = await startEmbedded(env.INFERLEDGER_DATA_DIR);
  return { url: owner.url, embedded: true, owner: true, close: () => owner.close() };
}

export async function migrateUrl(url: string): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrate(client);
  } finally {
    await client.end();
  }
}
