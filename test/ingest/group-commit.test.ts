import type { Pool } from "pg";
import { describe, expect, it } from "vitest";
import { createGroupCommitWriter } from "@/lib/ingest/group-commit";
import { getProjectPricing } from "@/lib/pricing/db/book";
import { priceUsageEvent } from "@/lib/pricing/price-event";
import type { UsageRow } from "@/lib/ingest/types";
import { validateEvents } from "@/lib/ingest/validate";
import type { WriteInput } from "@/lib/ingest/write";
import { useTestDatabase } from "../support/database";
import { createTenant, usageEvent } from "./support";

const db = useTestDatabase();

/** The test database's pool, counting the connections taken: one per transaction. */
function countingPool(): { pool: Pool; transactions: () => number } {
  let connects = 0;
  const pool = new Proxy(db.pool, {
    get(target, property) {
      if (property === "connect") return () => (connects++, target.connect());
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { pool, transactions: () => connects };
}

async function input(projectId: string, ids: string[], overrides: Record<string, unknown> = {}): Promise<WriteInput> {
  const { rows } = validateEvents(
    ids.map((event_id) => usageEvent({ event_id, customer: `c-${event_id.slice(0, 1)}`, ...overrides })),
    Date.now(),
  );
  const pricing = await getProjectPricing(db.pool, projectId);
  return { projectId, rows, priced: rows.map((row) => priceUsageEvent(row as UsageRow, pricing)) };
}

async function stored(projectId: string): Promise<{ events: number; rolled: number; customers: number }> {
  const { rows } = await db.pool.query(
    `SELECT (SELECT count(*)::int FROM usage_events WHERE project_id = $1) AS events,
            (SELECT coalesce(sum(events), 0)::int FROM usage_daily WHERE project_id = $1) AS rolled,
            (SELECT coalesce(sum(events), 0)::int FROM usage_daily_customer WHERE project_id = $1) AS customers`,
    [projectId],
  );
  return rows[0];
}

describe("group commit", () => {
  it("writes requests that wait behind a running transaction as one, and answers each with its own ids", async () => {
    const tenant = await createTenant(db);
    const { pool, transactions } = countingPool();
    const write = createGroupCommitWriter(pool, { maxConcurrent: 1, maxEvents: 10_000 });
    const [a, b, c] = await Promise.all([
      input(tenant.projectId, ["a1", "a2", "a3"]),
      input(tenant.projectId, ["b1", "b2", "x"]),
      input(tenant.projectId, ["x", "c1"]),
    ]);
    const answers = await Promise.all([write(a), write(b), write(c)]);
    expect(answers.map(({ stored }) => [...stored].sort())).toEqual([["a1", "a2", "a3"], ["b1", "b2", "x"], ["c1"]]);
    expect(transactions()).toBe(2); // a alone; b and c together
    expect(await stored(tenant.projectId)).toEqual({ events: 7, rolled: 7, customers: 7 });

    const again = await Promise.all([write(a), write(c)]);
    expect(again.map(({ stored }) => stored.size)).toEqual([0, 0]);
    expect(await stored(tenant.projectId)).toEqual({ events: 7, rolled: 7, customers: 7 });
  });

  it("closes a group at maxEvents", async () => {
    const tenant = await createTenant(db);
    const { pool, transactions } = countingPool();
    const write = createGroupCommitWriter(pool, { maxConcurrent: 1, maxEvents: 5 });
    const inputs = await Promise.all(
      ["a", "b", "c", "d"].map((p) => input(tenant.projectId, [`${p}1`, `${p}2`, `${p}3`])),
    );
    await Promise.all(inputs.map(write));
    expect(transactions()).toBe(4);
    expect(await stored(tenant.projectId)).toEqual({ events: 12, rolled: 12, customers: 12 });
  });

  it("retries a failed group request by request, and keeps the good events of the request the database refuses", async () => {
    const tenant = await createTenant(db);
    const write = createGroupCommitWriter(db.pool, { maxConcurrent: 1, maxEvents: 10_000 });
    const [first, good, bad] = await Promise.all([
      input(tenant.projectId, ["f1"]),
      input(tenant.projectId, ["g1", "g2"]),
      input(tenant.projectId, ["h1", "h2", "h3"]),
    ]);
    // Past validation but not past PostgreSQL: a timestamp it cannot parse, on one event of three.
    const broken: WriteInput = {
      ...bad,
      rows: bad.rows.map((row) => (row.eventId === "h2" ? { ...row, occurredAt: "not a time" } : row)),
    };
    const results = await Promise.all([write(first), write(good), write(broken)]);
    expect([...results[1]!.stored].sort()).toEqual(["g1", "g2"]);
    expect([...results[2]!.stored].sort()).toEqual(["h1", "h3"]);
    expect([...results[2]!.refused.keys()]).toEqual(["h2"]);
    expect(results[2]!.refused.get("h2")).toMatch(/^the database refused this event/);
    expect(await stored(tenant.projectId)).toEqual({ events: 5, rolled: 5, customers: 5 });
  });
});
