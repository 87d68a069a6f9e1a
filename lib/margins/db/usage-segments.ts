/**
 * The margins read model: a period's usage summed per customer, feature, model and segment, a
 * segment being a run of days inside one calendar month with no effective date inside it (an
 * assignment or a plan version starting). The engine charges usage once per plan span, month,
 * feature and model (lib/margins/revenue.ts), so these sums give it exactly the answer the daily
 * rows would, from one usage_monthly row per key and month (usage_monthly_feature per customer
 * and feature when no plan counts tokens) instead of one usage_daily row per key and day.
 *
 * Where a segment is not a whole month (the period's edges, an effective date inside a month),
 * its days are summed from usage_daily in SQL, or, when fewer days lie outside it, the month row
 * minus the days outside. Customers on a plan with an allowance get daily rows: allowances are
 * used up day by day.
 */
import type { Database } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { addDays, dayCount, type Day } from "@/lib/calendar/days";
import { clipToMonth, firstDayOf, lastDayOf, monthsOf, type Month, type Period } from "@/lib/calendar/months";
import type { SegmentGrain } from "../usage-grain";
import { MEASURE_COLUMNS, UsageMerger, usageMeasures, type UsageByCustomer, type UsageRow } from "./usage-rows";

/** Where the sums of one segment come from: whole months and day ranges, added or subtracted. */
interface SegmentRead {
  /** The segment's first day: the day its rows carry. */
  segment: Day;
  sign: 1 | -1;
  source: { month: Month } | Period;
}

/**
 * The reads that sum every segment of `period`, cut at month starts and at `cuts` (days on which
 * a plan assignment or version takes effect). Per month, whichever reads fewer days: every
 * segment from its days, or the month row for its longest segment minus the month's other days,
 * the other segments from their days. A segment that is its whole month reads the month row alone.
 * Days after `lastDay` count as free (the rest of the current month is empty).
 */
export function segmentReads(period: Period, cuts: readonly Day[], lastDay: Day = "9999-12-31"): SegmentRead[] {
  const reads: SegmentRead[] = [];
  for (const month of monthsOf(period)) {
    const inPeriod = clipToMonth(period, month)!;
    const starts = [inPeriod.from, ...new Set(cuts.filter((day) => day > inPeriod.from && day <= inPeriod.to))].sort();
    const segments = starts.map((from, i) => ({
      from,
      to: i + 1 < starts.length ? addDays(starts[i + 1]!, -1) : inPeriod.to,
    }));
    const longest = segments.reduce((best, segment) =>
      dayCount(segment.from, segment.to) > dayCount(best.from, best.to) ? segment : best,
    );
    const others = segments.filter((segment) => segment !== longest);
    const aroundLongest = [
      { from: firstDayOf(month), to: addDays(longest.from, -1) },
      { from: addDays(longest.to, 1), to: lastDayOf(month) },
    ].filter((range) => range.from <= range.to);
    // Days after `lastDay` (the future) hold no rows: reading them costs nothing.
    const days = (ranges: readonly Period[]) =>
      ranges.reduce((total, range) => total + dayCount(range.from, range.to < lastDay ? range.to : lastDay), 0);
    if (days(aroundLongest) + days(others) >= days(segments)) {
      for (const segment of segments) reads.push({ segment: segment.from, sign: 1, source: segment });
      continue;
    }
    reads.push({ segment: longest.from, sign: 1, source: { month } });
    for (const range of aroundLongest) reads.push({ segment: longest.from, sign: -1, source: range });
    for (const segment of others) reads.push({ segment: segment.from, sign: 1, source: segment });
  }
  return reads;
}

/**
 * The period's usage at the engine's grain (customer, segment start, feature, model): each group
 * of customers cut at its own days (customers with assignments of their own), the daily
 * customers one row per day.
 */
export async function loadUsageSegments(
  db: Pick<Database, "pool">,
  projectId: string,
  period: Period,
  grain: SegmentGrain,
): Promise<{ usage: UsageByCustomer; providers: Map<string, string> }> {
  // Tomorrow (UTC) still holds events of organisations east of UTC; later days hold none yet.
  const lastDay = addDays(new Date().toISOString().slice(0, 10), 1);
  // Group 0 is everyone outside the groups and the daily customers.
  const readsByGroup = [grain.cuts, ...grain.groups.map((group) => group.cuts)].map((cuts) =>
    segmentReads(period, cuts, lastDay),
  );
  const groupOf = new Map(
    grain.groups.flatMap((group, index) => group.customers.map((customer) => [customer, index + 1] as const)),
  );
  // Per group and month, the reads that take the month row.
  const monthReads = readsByGroup.map((reads) => {
    const byMonth = new Map<Month, SegmentRead>();
    for (const read of reads) if ("month" in read.source) byMonth.set(read.source.month, read);
    return byMonth;
  });
  const ranges = rangeReadsOf(readsByGroup);
  // A range everyone else needs scans its days for every group that needs it too (the period's
  // edges are everyone's); a range only groups need (a few customers) takes their keys' running totals.
  const scanned = ranges
    .filter((range) => range.targets.has(0))
    .map((range) => ({
      ...range,
      except: [
        ...grain.dailyCustomers,
        ...grain.groups.flatMap((group, index) => (range.targets.has(index + 1) ? [] : group.customers)),
      ],
    }));
  const running = ranges
    .filter((range) => !range.targets.has(0))
    .map((range) => ({
      ...range,
      customers: grain.groups.flatMap((group, index) => (range.targets.has(index + 1) ? group.customers : [])),
    }));
  const months = [...new Set(monthReads.flatMap((byMonth) => [...byMonth.keys()]))];
  // Each read's rows are merged as they arrive, while the longer reads still run (sums do not
  // depend on the order they are added in).
  const merger = new UsageMerger(grain.tokens);
  // A row counts for each segment its customer's group reads the range for (once added, once subtracted: both).
  const addRange = (range: RangeRead, row: UsageRow, flip: boolean) => {
    for (const target of range.targets.get(groupOf.get(row.customer) ?? 0) ?? [])
      merger.add(row, target.segment, flip ? (-target.sign as 1 | -1) : target.sign);
  };
  await Promise.all([
    months.length > 0 &&
      db.pool
        .query<UsageRow & { month: string }>(
          // Without token counts the rows are merged per feature: the level summed over models has them.
          `SELECT to_char(m.month, 'YYYY-MM') AS month, m.customer, m.feature, ${keyColumns("m", grain.tokens)}, ${usageMeasures("m", false, grain.tokens)}
             FROM ${grain.tokens ? "usage_monthly" : "usage_monthly_feature"} AS m
            WHERE m.project_id = $1 AND m.month = ANY($2::date[]) AND m.customer <> ALL($3::text[])`,
          [projectId, months.map(firstDayOf), grain.dailyCustomers],
        )
        .then(({ rows }) => {
          for (const row of rows) {
            const read = monthReads[groupOf.get(row.customer) ?? 0]!.get(row.month);
            if (read) merger.add(row, read.segment);
          }
        }),
    scanned.length > 0 &&
      readRanges(db, projectId, scanned, grain.tokens).then(({ rows }) => {
        for (const row of rows) addRange(scanned[Number(row.read)]!, row, false);
      }),
    // Bound 2i is range i's last day (added), 2i + 1 the day before its first (subtracted).
    running.length > 0 &&
      readRangesFromRunningTotals(db, projectId, running, grain.tokens).then(({ rows }) => {
        for (const row of rows) addRange(running[Math.floor(Number(row.bound) / 2)]!, row, Number(row.bound) % 2 === 1);
      }),
    grain.dailyCustomers.length > 0 &&
      readDailyRows(db, projectId, period, grain.dailyCustomers, grain.tokens).then(({ rows }) => {
        for (const row of rows) merger.add(row);
      }),
  ]);
  return { usage: merger.byCustomer(), providers: merger.providers() };
}

/**
 * The provider and model of a read's rows: the stored ones when rows carry tokens (a plan may
 * price them by model), else empty, the rows then summed per customer and feature in SQL (no
 * charge depends on the model: about half the rows of a 90-day report).
 */
function keyColumns(alias: string, byModel: boolean): string {
  return byModel ? `${alias}.provider, ${alias}.model` : "'' AS provider, '' AS model";
}

/** One day range read once, with what each group (by index) does with its sums. */
interface RangeRead {
  source: Period;
  targets: Map<number, { segment: Day; sign: 1 | -1 }[]>;
}

/** The groups' day-range reads, each distinct range once: groups share the period's edges. */
function rangeReadsOf(readsByGroup: readonly SegmentRead[][]): RangeRead[] {
  const ranges = new Map<string, RangeRead>();
  readsByGroup.forEach((reads, group) => {
    for (const { source, segment, sign } of reads) {
      if ("month" in source) continue;
      const key = `${source.from}/${source.to}`;
      let range = ranges.get(key);
      if (!range) ranges.set(key, (range = { source, targets: new Map() }));
      let targets = range.targets.get(group);
      if (!targets) range.targets.set(group, (targets = []));
      targets.push({ segment, sign });
    }
  });
  return [...ranges.values()];
}

/**
 * Each range's daily rows summed per key: one branch per range with its own bounds, so each is
 * an index range scan (a join with the list of ranges made PostgreSQL scan the whole table).
 * With more working memory than the default 4 MB, the sums are hashed in memory: by default the
 * planner (expecting about four times the groups there are) sorts the edge month's 30,000 daily
 * rows first, about 25 ms more of the report's longest read at 10M events.
 */
function readRanges(
  db: Pick<Database, "pool">,
  projectId: string,
  reads: readonly { source: Period; except: readonly string[] }[],
  tokens: boolean,
) {
  const params: unknown[] = [projectId];
  const add = (value: unknown) => `$${params.push(value)}`;
  const branches = reads.map(
    (read, index) =>
      `SELECT ${index} AS read, d.customer, d.feature, ${keyColumns("d", tokens)}, ${usageMeasures("d", true, tokens)}
         FROM usage_daily AS d
        WHERE d.project_id = $1 AND d.day BETWEEN ${add(read.source.from)}::date AND ${add(read.source.to)}::date
          AND d.customer <> ALL(${add(read.except)}::text[])
        GROUP BY d.customer, d.feature${tokens ? ", d.provider, d.model" : ""}`,
  );
  return inTransaction(db.pool, async (client) => {
    await client.query("SET LOCAL work_mem = '32MB'");
    return client.query<UsageRow & { read: number }>(branches.join("\nUNION ALL\n"), params);
  });
}

/**
 * Each range's sums for a few customers from their keys' running totals (migration
 * usage_cumulative): the latest running row on or before its last day, minus the latest before
 * its first day. Two index probes per key and range, where scanning the range's days would read
 * every customer's rows of those days.
 */
function readRangesFromRunningTotals(
  db: Pick<Database, "pool">,
  projectId: string,
  reads: readonly { source: Period; customers: readonly string[] }[],
  tokens: boolean,
) {
  const probes = reads.flatMap((read, index) =>
    [read.source.to, addDays(read.source.from, -1)].flatMap((day, end) =>
      read.customers.map((customer) => ({ bound: 2 * index + end, day, customer })),
    ),
  );
  return db.pool.query<UsageRow & { bound: number }>(
    `SELECT b.bound, k.customer, k.feature, k.provider, k.model, ${usageMeasures("r", false, tokens)}
       FROM unnest($2::int[], $3::date[], $4::text[]) AS b(bound, day, customer)
       JOIN usage_cumulative_keys AS k ON k.project_id = $1 AND k.customer = b.customer AND k.first_day <= b.day
       CROSS JOIN LATERAL (
         SELECT * FROM usage_cumulative AS r
          WHERE r.project_id = k.project_id AND r.feature = k.feature AND r.customer = k.customer AND r.provider = k.provider AND r.model = k.model AND r.day <= b.day
          ORDER BY r.day DESC LIMIT 1
       ) AS r`,
    [
      projectId,
      probes.map((probe) => probe.bound),
      probes.map((probe) => probe.day),
      probes.map((probe) => probe.customer),
    ],
  );
}

/**
 * The daily rows of a few customers, from the running totals (usage_cumulative): a
 * key's day is its running row minus the row before, and the keys table finds a customer's keys
 * without reading the period's rows of every customer, as usage_daily (keyed by day first) would.
 * A day whose changes cancelled out (its events deleted) has no daily row, and is dropped. The
 * keys come sorted in the window's partition order, so each key's rows (by day from the index)
 * need only a sort within the key, not one sort of every row by four text columns (about a fifth
 * of the read at 10M events).
 */
function readDailyRows(
  db: Pick<Database, "pool">,
  projectId: string,
  period: Period,
  customers: readonly string[],
  tokens: boolean,
) {
  const sameKey =
    "r.project_id = k.project_id AND r.feature = k.feature AND r.customer = k.customer AND r.provider = k.provider AND r.model = k.model";
  return db.pool.query<UsageRow>(
    `SELECT customer, to_char(day, 'YYYY-MM-DD') AS day, feature, provider, model, ${usageMeasures("days", false, tokens)}
       FROM (
         SELECT k.customer, k.feature, k.provider, k.model, r.day,
                ${MEASURE_COLUMNS.map((m) => `r.${m} - coalesce(lag(r.${m}) OVER w, 0) AS ${m}`).join(", ")}
           FROM (SELECT * FROM usage_cumulative_keys AS k
                  WHERE k.project_id = $1 AND k.customer = ANY($4::text[]) AND k.first_day <= $3::date AND k.last_day >= $2::date
                  ORDER BY k.feature, k.customer, k.provider, k.model) AS k
           JOIN usage_cumulative AS r ON ${sameKey} AND r.day <= $3::date
            AND r.day >= coalesce((SELECT max(b.day) FROM usage_cumulative AS b WHERE b.project_id = k.project_id AND b.feature = k.feature
                                     AND b.customer = k.customer AND b.provider = k.provider AND b.model = k.model AND b.day < $2::date), $2::date)
         WINDOW w AS (PARTITION BY k.feature, k.customer, k.provider, k.model ORDER BY r.day)
       ) AS days
      WHERE day >= $2::date AND events <> 0`,
    [projectId, period.from, period.to, customers],
  );
}
