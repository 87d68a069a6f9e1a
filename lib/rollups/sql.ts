/**
 * The statements of applyUsageDeltas (write.ts), generated from the declared measures and levels.
 * Every statement reads the same parameters: $1 the project, then the deltas as one array per
 * column (DELTA_COLUMNS: day, the full key, every measure), and groups them by its level's key
 * itself. Every statement that can meet a concurrent writer touches its rows in key order
 * (ORDER BY), so writers never wait on each other in a cycle.
 */
import { MEASURES } from "./measures";
import { FULL_KEY, PERIOD_LEVELS, type PeriodLevel, type RunningLevel } from "./levels";

/** The deltas' parameter columns, in order, after $1. */
const DELTA_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ["day", "date"],
  ...FULL_KEY.map((key) => [key, "text"] as const),
  ...MEASURES.map((measure) => [measure.column, measure.type] as const),
];

/** The deltas as a relation `s`; `columns` limits it to the leading ones (key statements take no measures). */
function deltas(columns = DELTA_COLUMNS.length): string {
  const used = DELTA_COLUMNS.slice(0, columns);
  // Keys in byte order, as the tables compare them (their text columns are COLLATE "C"):
  // grouping and ordering by the default collation would call strcoll for every comparison.
  const args = used.map(([, type], i) => `$${2 + i}::${type}[]${type === "text" ? ' COLLATE "C"' : ""}`).join(", ");
  return `unnest(${args}) AS s(${used.map(([name]) => name).join(", ")})`;
}

/** Number of key parameters (day and the full key): what the key-only statements take. */
export const KEY_PARAMETERS = 1 + FULL_KEY.length;

const measureList = MEASURES.map((measure) => measure.column).join(", ");
/** sum() of bigint goes through numeric; sum_int8 (prisma/functions/sum_int8.sql) stays bigint. */
const sumOf = (column: string, type: string, prefix = "s.") =>
  `${type === "int8" ? "sum_int8" : "sum"}(${prefix}${column})`;
const periodOf = (level: PeriodLevel) => (level.period === "day" ? "s.day" : "date_trunc('month', s.day)::date");

function levelUpsert(level: PeriodLevel): string {
  const key = [level.period, ...level.keys];
  const groupBy = [periodOf(level), ...level.keys.map((c) => `s.${c}`)].join(", ");
  const added = MEASURES.map(({ column }) => `${column} = d.${column} + EXCLUDED.${column}`).join(", ");
  return `INSERT INTO ${level.table} AS d (project_id, ${key.join(", ")}, ${measureList})
    SELECT $1, ${groupBy}, ${MEASURES.map(({ column, type }) => sumOf(column, type)).join(", ")}
      FROM ${deltas()}
     GROUP BY ${groupBy}
     ORDER BY ${groupBy}
    ON CONFLICT (project_id, ${key.join(", ")}) DO UPDATE SET ${added}
    RETURNING d.events = 0 AS emptied`;
}

/**
 * Adds the deltas to every level's rows (creating missing ones) and counts, per level, the rows
 * a negative delta left without events (columns e0, e1, ...).
 */
export const UPSERT_LEVELS_SQL = `WITH ${PERIOD_LEVELS.map((level, i) => `l${i} AS (\n  ${levelUpsert(level)}\n)`).join(",\n")}
SELECT ${PERIOD_LEVELS.map((_, i) => `(SELECT count(*) FROM l${i} WHERE emptied)::int AS e${i}`).join(", ")}`;

/** Deletes the rows left without events, as a day or month without usage has no row. Key parameters only. */
export const DELETE_EMPTIED_SQL = `WITH ${PERIOD_LEVELS.map((level, i) => {
  const key = [level.period, ...level.keys];
  return `l${i} AS (
  DELETE FROM ${level.table} AS d
   WHERE d.project_id = $1 AND d.events = 0
     AND (${key.map((c) => `d.${c}`).join(", ")}) IN (SELECT ${[periodOf(level), ...level.keys.map((c) => `s.${c}`)].join(", ")} FROM ${deltas(KEY_PARAMETERS)})
)`;
}).join(",\n")}
SELECT 1`;

const sameKey = (level: RunningLevel, row: string, other: string) =>
  level.keys.map((key) => `${row}.${key} = ${other}.${key}`).join(" AND ");

interface RunningStatements {
  /** Locks the changed keys in key order (creating new ones): from here to commit, writers of a key take turns. Key parameters only. */
  lockKeys: string;
  /** A changed day without a row gets one: a copy of the key's running total before that day. Key parameters only. */
  fillDays: string;
  /** Every row of a key from its first changed day on adds the key's changes up to its day. */
  addChanges: string;
}

export function runningStatements(level: RunningLevel): RunningStatements {
  const keys = level.keys.join(", ");
  const sKeys = level.keys.map((key) => `s.${key}`).join(", ");
  const cKeys = level.keys.map((key) => `c.${key}`).join(", ");
  return {
    // ON CONFLICT DO UPDATE locks a conflicting row even where its WHERE skips the write.
    lockKeys: `INSERT INTO ${level.keysTable} AS k (project_id, ${keys}, first_day, last_day)
      SELECT $1, ${sKeys}, min(s.day), max(s.day) FROM ${deltas(KEY_PARAMETERS)}
       GROUP BY ${sKeys} ORDER BY ${sKeys}
      ON CONFLICT (project_id, ${keys}) DO UPDATE SET
        first_day = least(k.first_day, EXCLUDED.first_day), last_day = greatest(k.last_day, EXCLUDED.last_day)
        WHERE EXCLUDED.first_day < k.first_day OR EXCLUDED.last_day > k.last_day`,
    fillDays: `INSERT INTO ${level.table} (project_id, ${keys}, day, ${measureList})
      SELECT $1, ${cKeys}, c.day, ${MEASURES.map(({ column }) => `coalesce(p.${column}, 0)`).join(", ")}
        FROM (SELECT DISTINCT ${sKeys}, s.day FROM ${deltas(KEY_PARAMETERS)}) AS c
        LEFT JOIN LATERAL (
          SELECT ${measureList} FROM ${level.table} AS r
           WHERE r.project_id = $1 AND ${sameKey(level, "r", "c")} AND r.day < c.day ORDER BY r.day DESC LIMIT 1
        ) AS p ON true
       WHERE NOT EXISTS (SELECT 1 FROM ${level.table} AS r WHERE r.project_id = $1 AND ${sameKey(level, "r", "c")} AND r.day = c.day)`,
    // Each d row holds the running sum of the changes, valid from d.day until d.next_day.
    addChanges: `UPDATE ${level.table} AS r SET ${MEASURES.map(({ column }) => `${column} = r.${column} + d.${column}`).join(", ")}
      FROM (
        SELECT ${level.keys.join(", ")}, day, lead(day, 1, 'infinity') OVER w AS next_day,
               ${MEASURES.map(({ column, type }) => `${sumOf(column, type, "")} OVER w AS ${column}`).join(", ")}
          FROM (
            SELECT ${sKeys}, s.day, ${MEASURES.map(({ column, type }) => `${sumOf(column, type)} AS ${column}`).join(", ")}
              FROM ${deltas()} GROUP BY ${sKeys}, s.day
          ) AS per_day
        WINDOW w AS (PARTITION BY ${level.keys.join(", ")} ORDER BY day)
      ) AS d
     WHERE r.project_id = $1 AND ${sameKey(level, "r", "d")} AND r.day >= d.day AND r.day < d.next_day`,
  };
}
