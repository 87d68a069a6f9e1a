import { describe, expect, it } from "vitest";
import { femtoToUsd, usdToFemto } from "@/lib/money";
import { LATENCY_BUCKET_COUNT, latencyBucket, unpackHistogram } from "@/lib/ingest/latency-buckets";
import { TOKEN_COLUMNS } from "@/lib/ingest/write-sql";
import { useTestDatabase } from "../support/database";
import { createTenant, newEventId, outcomeEvent, postEvents, usageEvent, type Tenant } from "./support";

const db = useTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

async function counts(tenant: Tenant) {
  const { rows } = await db.pool.query(
    `SELECT (SELECT count(*)::int FROM usage_events WHERE project_id = $1) AS usage_events,
            (SELECT count(*)::int FROM outcome_events WHERE project_id = $1) AS outcome_events,
            (SELECT count(*)::int FROM event_ids WHERE project_id = $1) AS ledger,
            (SELECT coalesce(sum(events), 0)::int FROM usage_daily WHERE project_id = $1) AS usage_rolled,
            (SELECT coalesce(sum(events), 0)::int FROM outcome_daily WHERE project_id = $1) AS outcome_rolled`,
    [tenant.projectId],
  );
  return rows[0];
}

function mixedBatch(size: number): Record<string, unknown>[] {
  const models = ["gpt-4o", "gpt-4o-mini", "unknown-model-x"];
  return Array.from({ length: size }, (_, i) =>
    i % 7 === 0
      ? outcomeEvent({ customer: `c${i % 5}` })
      : usageEvent({
          customer: `c${i % 5}`,
          feature: `f${i % 3}`,
          model: models[i % 3],
          tokens: { input: 100 + i, cache_read: i * 3, output: 7 * i },
          latency_ms: 10 + i * 13,
        }),
  );
}

describe("exactly once", () => {
  it("counts an event sent again later once, and answers duplicate", async () => {
    const tenant = await createTenant(db);
    const events = mixedBatch(50);
    const first = await postEvents(tenant.ingestKey, { events });
    expect(first.json).toMatchObject({ accepted: 50, duplicates: 0 });
    const again = await postEvents(tenant.ingestKey, { events });
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 50, rejected: 0 });
    expect(again.json.results[3]).toMatchObject({ index: 3, status: "duplicate", event_id: events[3]!.event_id });
    expect(await counts(tenant)).toEqual({
      usage_events: 42,
      outcome_events: 8,
      ledger: 50,
      usage_rolled: 42,
      outcome_rolled: 8,
    });
  });

  it("counts the same batch sent five times concurrently once, in events and in rollups", async () => {
    const tenant = await createTenant(db);
    const events = mixedBatch(200);
    const responses = await Promise.all(Array.from({ length: 5 }, () => postEvents(tenant.ingestKey, { events })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.reduce((n, r) => n + r.json.accepted, 0)).toBe(200);
    expect(responses.reduce((n, r) => n + r.json.duplicates, 0)).toBe(800);
    expect(await counts(tenant)).toEqual({
      usage_events: 171,
      outcome_events: 29,
      ledger: 200,
      usage_rolled: 171,
      outcome_rolled: 29,
    });
  });

  it("counts overlapping batches in different orders once (no deadlock)", async () => {
    const tenant = await createTenant(db);
    const events = mixedBatch(300);
    const shuffled = (seed: number) =>
      [...events].sort(
        (a, b) =>
          ((String(a.event_id).length * seed) % 7) - ((String(b.event_id).length * seed) % 7) || (seed % 2 ? 1 : -1),
      );
    await Promise.all(
      [events.slice(0, 200), events.slice(100), shuffled(3), [...events].reverse()].map((batch) =>
        postEvents(tenant.ingestKey, { events: batch }),
      ),
    );
    expect((await counts(tenant)).ledger).toBe(300);
    expect((await counts(tenant)).usage_rolled + (await counts(tenant)).outcome_rolled).toBe(300);
  });

  it("keeps the first of two events with the same id in one batch and answers duplicate for the second", async () => {
    const tenant = await createTenant(db);
    const id = newEventId();
    const res = await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({ event_id: id }),
        usageEvent({ event_id: id, model: "gpt-4o-mini" }),
        outcomeEvent({ event_id: id }),
      ],
    });
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "duplicate", "duplicate"]);
    const { rows } = await db.pool.query("SELECT model FROM usage_events WHERE project_id = $1", [tenant.projectId]);
    expect(rows).toEqual([{ model: "gpt-4o" }]);
    expect(await counts(tenant)).toMatchObject({ usage_events: 1, outcome_events: 0, usage_rolled: 1 });
  });

  it("treats event ids as unique per project: another project may reuse one", async () => {
    const a = await createTenant(db);
    const b = await createTenant(db);
    const event = usageEvent();
    expect((await postEvents(a.ingestKey, { events: [event] })).json.accepted).toBe(1);
    expect((await postEvents(b.ingestKey, { events: [event] })).json.accepted).toBe(1);
  });
});

describe("rollups equal the raw events", () => {
  it("after batches, duplicates and late events, every usage_daily measure is the sum over usage_events", async () => {
    const tenant = await createTenant(db);
    const now = Date.now();
    const late = (days: number) => new Date(now - days * DAY).toISOString();
    const batches = [mixedBatch(120), mixedBatch(80).map((e, i) => ({ ...e, occurred_at: late(i % 3 ? 2 : 390) }))];
    for (const batch of batches) await postEvents(tenant.ingestKey, { events: batch });
    await postEvents(tenant.ingestKey, { events: [...batches[0]!.slice(0, 40), ...batches[1]!.slice(60)] });
    await postEvents(tenant.ingestKey, { events: mixedBatch(30).map((e) => ({ ...e, occurred_at: late(100) })) });

    const measures = [
      "count(*)",
      "count(*) FILTER (WHERE status = 'error')",
      "count(*) FILTER (WHERE cost_source = 'unpriced')",
      ...TOKEN_COLUMNS.map((c) => `sum(${c})`),
      "sum(gpu_seconds)",
      "sum(cost_token)",
      "sum(cost_gpu)",
      "sum(cost_total)",
      "count(latency_ms)",
      "coalesce(sum(latency_ms), 0)",
    ];
    const columns = [
      "events",
      "error_events",
      "unpriced_events",
      ...TOKEN_COLUMNS,
      "gpu_seconds",
      "cost_token",
      "cost_gpu",
      "cost_total",
      "latency_count",
      "latency_sum_ms",
    ];
    const key = "day, feature, customer, provider, model";
    const { rows } = await db.pool.query(
      `WITH raw AS (
         SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, feature, customer, provider, model,
                ${measures.map((m, i) => `${m}::numeric AS m${i}`).join(", ")}
         FROM usage_events WHERE project_id = $1 GROUP BY ${key}),
       rolled AS (
         SELECT ${key}, ${columns.map((c, i) => `${c}::numeric AS m${i}`).join(", ")}
         FROM usage_daily WHERE project_id = $1)
       SELECT (SELECT count(*)::int FROM raw) AS groups,
              (SELECT count(*)::int FROM (SELECT * FROM raw EXCEPT SELECT * FROM rolled) AS missing) AS raw_not_rolled,
              (SELECT count(*)::int FROM (SELECT * FROM rolled EXCEPT SELECT * FROM raw) AS extra) AS rolled_not_raw`,
      [tenant.projectId],
    );
    expect(rows[0].groups).toBeGreaterThan(10);
    expect(rows[0]).toMatchObject({ raw_not_rolled: 0, rolled_not_raw: 0 });
    expect(await counts(tenant)).toMatchObject({ ledger: 230 });

    // Each rollup row's packed histogram holds exactly its events' latency buckets.
    const rolled = await db.pool.query<{ key: string; packed: string }>(
      "SELECT concat_ws('|', day, feature, customer, provider, model) AS key, latency_histogram_packed::text AS packed FROM usage_daily WHERE project_id = $1",
      [tenant.projectId],
    );
    const raw = await db.pool.query<{ key: string; latency_ms: number | null }>(
      "SELECT concat_ws('|', (occurred_at AT TIME ZONE 'UTC')::date, feature, customer, provider, model) AS key, latency_ms FROM usage_events WHERE project_id = $1",
      [tenant.projectId],
    );
    const expected = new Map<string, number[]>();
    for (const { key, latency_ms } of raw.rows) {
      const counts = expected.get(key) ?? new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
      if (latency_ms !== null) counts[latencyBucket(latency_ms)]!++;
      expected.set(key, counts);
    }
    expect(new Map(rolled.rows.map((row) => [row.key, unpackHistogram(row.packed)]))).toEqual(expected);
  });

  it("sums costs exactly: the numeric sum in SQL equals the bigint sum of per-event costs", async () => {
    const tenant = await createTenant(db);
    const events = Array.from({ length: 500 }, (_, i) =>
      usageEvent({
        model: i % 2 ? "gpt-4o-mini" : "claude-haiku-4-5",
        provider: i % 2 ? "openai" : "anthropic",
        tokens: { input: 1 + ((i * 7919) % 9973), cache_read: (i * 31) % 517, output: 1 + ((i * 104729) % 1013) },
      }),
    );
    await postEvents(tenant.ingestKey, { events: events.slice(0, 250) });
    await postEvents(tenant.ingestKey, { events: events.slice(200) });
    const perEvent = await db.pool.query<{ cost_total: string }>(
      "SELECT cost_total FROM usage_events WHERE project_id = $1",
      [tenant.projectId],
    );
    expect(perEvent.rows).toHaveLength(500);
    const bigintSum = perEvent.rows.reduce((sum, row) => sum + usdToFemto(row.cost_total), 0n);
    const sql = await db.pool.query<{ raw: string; rolled: string }>(
      "SELECT (SELECT sum(cost_total) FROM usage_events WHERE project_id = $1) AS raw, (SELECT sum(cost_total) FROM usage_daily WHERE project_id = $1) AS rolled",
      [tenant.projectId],
    );
    expect(sql.rows[0]!.raw).toBe(femtoToUsd(bigintSum));
    expect(sql.rows[0]!.rolled).toBe(femtoToUsd(bigintSum));
  });

  it("buckets days in the organisation's timezone", async () => {
    const tenant = await createTenant(db, "America/Los_Angeles");
    const occurredAt = new Date(Date.now() - 2 * DAY);
    occurredAt.setUTCHours(3, 0, 0, 0); // 03:00 UTC is the previous evening in Los Angeles
    await postEvents(tenant.ingestKey, { events: [usageEvent({ occurred_at: occurredAt.toISOString() })] });
    const { rows } = await db.pool.query(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day FROM usage_daily WHERE project_id = $1",
      [tenant.projectId],
    );
    const previous = new Date(occurredAt.getTime() - DAY).toISOString().slice(0, 10);
    expect(rows).toEqual([{ day: previous }]);
  });
});
