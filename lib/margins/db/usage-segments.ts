/**
 * The margins read model: a period's usage summed per customer, feature, model and segment, a
 * segment being a run of days inside one calendar month with no effective date inside it (an
 * assignment or a plan version starting). The engine charges usage once per plan span, month,
 * feature and model (lib/margins/revenue.ts), so these sums give it exactly the answer the daily
 * rows would, from one usage_monthly row per key and month instead of one usage_daily row per key
 * and day.
 *
 * Where a segment is not a whole month (the period's edges, an effective date inside a month),
 * its days are summed from usage_daily in SQL, or, when fewer days lie outside it, the month row
 * minus the days outside. Customers on a plan with an allowance get daily rows: allowances are
 * used up day by day.
 */
import type { Database } from "@/lib/db/client";
import { usdToFemto } from "@/lib/money";
import { inTransaction } from "@/lib/db/transaction";
import { addDays, dayCount, type Day } from "@/lib/calendar/days";
import { clipToMonth, firstDayOf, lastDayOf, monthsOf, type Month, type Period } from "@/lib/calendar/months";
import type { SegmentGrain } from "../usage-grain";
import type { TokenCounts, UsageAggregate } from "../types";
import {
  COUNT_COLUMNS,
  MEASURE_COLUMNS,
  TOKEN_COLUMNS,
  UsageMerger,
  usageMeasures,
  type UsageByCustomer,
  type UsageRow,
} from "./usage-rows";

/** Where the sums of one segment come from: whole months and day ranges, added or subtracted. */
export interface SegmentRead {
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
): Promise<UsageByCustomer> {
  // Tomorrow (UTC) still holds events of organisations east of UTC; later days hold none yet.
  const lastDay = addDays(new Date().toISOString().slice(0, 10), 1);
  // Group 0 is everyone outside the groups and the daily customers.
  const readsByGroup = [grain.cuts, ...grain.groups.map((group) => group.cuts)].map((cuts) =>
    segmentReads(period, cuts, lastDay),
  );
  const groupOf = new Map(
    grain.groups.flatMap((group, index) => group.customers.map((customer) => [customer, index + 1] as const)),
  );
  const ranges = rangeReadsOf(readsByGroup);
  // The months, and the ranges everyone else needs (the period's edges are everyone's), are
  // summed in SQL for every group that reads them; a range only groups need (a few customers)
  // takes their keys' running totals.
  // The months first: readSegmentSums reads them in one scan.
  const summed = [...monthReadsOf(readsByGroup), ...ranges.filter((range) => range.targets.has(0))];
  const running = ranges
    .filter((range) => !range.targets.has(0))
    .map((range) => ({
      ...range,
      customers: grain.groups.flatMap((group, index) => (range.targets.has(index + 1) ? group.customers : [])),
    }));
  // Group 0's customers get their rows whole from the SQL sums; the groups' rows are merged
  // with their running totals, the daily customers' rows taken as they are.
  const usage: UsageByCustomer = new Map();
  const merger = new UsageMerger();
  const addRange = (range: SumRead, row: UsageRow, flip: boolean) => {
    for (const target of range.targets.get(groupOf.get(row.customer) ?? 0) ?? [])
      merger.add(row, target.segment, flip ? (-target.sign as 1 | -1) : target.sign);
  };
  await Promise.all([
    // Split by customer into statements that run side by side on their own connections: the
    // sums and their JSON are most of the statement's time, and one backend does them one row
    // at a time.
    ...Array.from({ length: summed.length > 0 ? SUM_SPLITS : 0 }, (_, split) =>
      readSegmentSums(db, projectId, summed, groupOf, grain.dailyCustomers, grain.tokens, split).then((sums) => {
        for (const [customer, rows] of sums) {
          if (groupOf.has(customer)) for (const row of rows) merger.addUsage(customer, row);
          else usage.set(customer, rows);
        }
      }),
    ),
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
  for (const [customer, rows] of merger.byCustomer()) usage.set(customer, rows);
  return usage;
}

/** How many statements share the SQL sums, each for the customers whose name hashes to it. */
const SUM_SPLITS = 2;

/** One read (a month row or a day range, read once) and what each group (by index) does with its sums. */
interface SumRead {
  source: { month: Month } | Period;
  targets: Map<number, { segment: Day; sign: 1 | -1 }[]>;
}

/** The groups' month reads, each month once, with the segment each group counts it for. */
function monthReadsOf(readsByGroup: readonly SegmentRead[][]): SumRead[] {
  const months = new Map<Month, SumRead>();
  readsByGroup.forEach((reads, group) => {
    for (const { source, segment, sign } of reads) {
      if (!("month" in source)) continue;
      let read = months.get(source.month);
      if (!read) months.set(source.month, (read = { source, targets: new Map() }));
      read.targets.set(group, [{ segment, sign }]);
    }
  });
  return [...months.values()];
}

/** The groups' day-range reads, each distinct range once: groups share the period's edges. */
function rangeReadsOf(readsByGroup: readonly SegmentRead[][]): (SumRead & { source: Period })[] {
  const ranges = new Map<string, SumRead & { source: Period }>();
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
 * The month rows and day ranges of `reads`, each row counted (added or subtracted) for the
 * segments its customer's group reads it for, summed per customer, segment, feature and model
 * in SQL: a month minus its edge days is one row, the provider is left out (only re-pricing,
 * which reads daily rows, needs it), and each customer's rows come as one JSON array, which the
 * driver parses natively (the 40,000 rows of a 90-day report merged in TypeScript were most of
 * its time). The daily customers (group -1) have no targets, so none of their rows count.
 */
async function readSegmentSums(
  db: Pick<Database, "pool">,
  projectId: string,
  reads: readonly SumRead[],
  groupOf: ReadonlyMap<string, number>,
  dailyCustomers: readonly string[],
  tokens: boolean,
  split: number,
): Promise<UsageByCustomer> {
  const params: unknown[] = [projectId];
  const add = (value: unknown) => `$${params.push(value)}`;
  const columns = tokens ? MEASURE_COLUMNS : COUNT_COLUMNS;
  // Reads 0 to n - 1 are the months, in one scan; each range is its own branch with its own
  // bounds, so each is an index range scan (a join with the list of ranges made PostgreSQL scan
  // the whole table). Counts stay bigint (a sum of bigints is numeric): the sums below then add
  // bigints, not numerics: a numeric sum keeps a larger state per group (29 MB for the 25,000
  // groups of 90 days, against 19 MB with bigint counts).
  const splitParam = add(split);
  const inSplit = (alias: string) =>
    `mod(hashtext(${alias}.customer)::bigint + 2147483648, ${SUM_SPLITS}) = ${splitParam}`;
  const months = reads.flatMap((read) => ("month" in read.source ? [firstDayOf(read.source.month)] : []));
  const monthList = add(months);
  const branches = [
    `SELECT array_position(${monthList}::date[], m.month) - 1 AS read, m.customer, m.feature, m.model, ${columns.map((c) => `m.${c}`).join(", ")}
       FROM usage_monthly AS m
      WHERE m.project_id = $1 AND m.month = ANY(${monthList}::date[]) AND ${inSplit("m")}`,
    ...reads.flatMap((read, index) =>
      "month" in read.source
        ? []
        : [
            `SELECT ${index} AS read, d.customer, d.feature, d.model, ${columns.map((c) => (c === "cost_total" ? `sum(d.${c}) AS ${c}` : `sum(d.${c})::bigint AS ${c}`)).join(", ")}
               FROM usage_daily AS d
              WHERE d.project_id = $1 AND d.day BETWEEN ${add(read.source.from)}::date AND ${add(read.source.to)}::date AND ${inSplit("d")}
              GROUP BY d.customer, d.feature, d.model`,
          ],
    ),
  ];
  const targets = reads.flatMap((read, index) =>
    [...read.targets].flatMap(([group, list]) => list.map((target) => ({ index, group, ...target }))),
  );
  const members = [...groupOf, ...dailyCustomers.map((customer) => [customer, -1] as const)];
  // Rows name their segment by its index here: one string per segment for every row, and no
  // date formatting in SQL.
  const segments = [...new Set(targets.map((target) => target.segment))];
  const sql = `
    WITH member AS (
           SELECT * FROM unnest(${add(members.map(([customer]) => customer))}::text[], ${add(members.map(([, group]) => group))}::int[]) AS m(customer, grp)),
         target AS (
           SELECT * FROM unnest(${add(targets.map((t) => t.index))}::int[], ${add(targets.map((t) => t.group))}::int[],
                                ${add(targets.map((t) => segments.indexOf(t.segment)))}::int[], ${add(targets.map((t) => t.sign))}::int[]) AS t(read, grp, segment, sign)),
         part AS (${branches.join("\n UNION ALL\n")}),
         summed AS (
           SELECT p.customer, t.segment, p.feature, p.model, ${columns.map((c) => (c === "cost_total" ? `sum(t.sign * p.${c}) AS ${c}` : `sum(t.sign * p.${c})::bigint AS ${c}`)).join(", ")}
             FROM part AS p
             LEFT JOIN member AS mb ON mb.customer = p.customer
             JOIN target AS t ON t.read = p.read AND t.grp = coalesce(mb.grp, 0)
            GROUP BY p.customer, t.segment, p.feature, p.model
           HAVING sum(t.sign * p.events) <> 0)
    SELECT customer, json_agg(json_build_array(segment, feature, model, ${columns
      .map((c) => (c === "cost_total" ? "cost_total::text" : c))
      .join(", ")})) AS usage
      FROM summed
     GROUP BY customer`;
  // The sums are hashed in memory (32 MB: about 30 for the 25,000 groups of 90 days): the
  // planner, expecting a few dozen rows from the joins (there are about 35,000), would sort
  // them first (about a fifth of the statement's time at 10M events).
  const { rows } = await inTransaction(db.pool, async (client) => {
    await client.query("SET LOCAL work_mem = '32MB'");
    await client.query("SET LOCAL enable_sort = off");
    return client.query<{ customer: string; usage: SummedRow[] }>(sql, params);
  });
  const usage: UsageByCustomer = new Map();
  for (const row of rows)
    usage.set(
      row.customer,
      row.usage.map((summed) => usageOf(summed, segments)),
    );
  return usage;
}

/** Segment (its index), feature, model, then the measures in MEASURE_COLUMNS order (cost in dollars). */
type SummedRow = [number, string, string, number, number, string, ...number[]];

function usageOf(row: SummedRow, segments: readonly Day[]): UsageAggregate {
  const tokens: TokenCounts = {};
  // Token counts, when read, follow the cost (index 5).
  for (let index = 6; index < row.length; index++)
    if (row[index] !== 0) tokens[TOKEN_COLUMNS[index - 6]![0]] = row[index] as number;
  return {
    day: segments[row[0]]!,
    feature: row[1],
    model: row[2],
    requests: row[3],
    unpricedRequests: row[4],
    tokens,
    cost: usdToFemto(row[5]),
  };
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
 * A day whose changes cancelled out (its events deleted) has no daily row, and is dropped.
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
           FROM usage_cumulative_keys AS k
           JOIN usage_cumulative AS r ON ${sameKey} AND r.day <= $3::date
            AND r.day >= coalesce((SELECT max(b.day) FROM usage_cumulative AS b WHERE b.project_id = k.project_id AND b.feature = k.feature
                                     AND b.customer = k.customer AND b.provider = k.provider AND b.model = k.model AND b.day < $2::date), $2::date)
          WHERE k.project_id = $1 AND k.customer = ANY($4::text[]) AND k.first_day <= $3::date AND k.last_day >= $2::date
         WINDOW w AS (PARTITION BY k.feature, k.customer, k.provider, k.model ORDER BY r.day)
       ) AS days
      WHERE day >= $2::date AND events <> 0`,
    [projectId, period.from, period.to, customers],
  );
}
