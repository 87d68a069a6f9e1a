/**
 * The statements of applyUsageDeltas (write.ts), generated from the declared measures and levels.
 * Parameters are one array per column; $1 is the project. Every statement that can meet a
 * concurrent writer touches its rows in key order (ORDER BY), so writers never wait in a cycle.
 */
import { MEASURES } from "./measures";
import { PERIOD_LEVELS, type PeriodLevel, type RunningLevel } from "./levels";

/** A level's parameter columns: period, keys, then every measure. */
function levelColumns(level: PeriodLevel): Array<readonly [string, string]> {
  return [
    [level.period, "date"],
    ...level.keys.map((key) => [key, "text"] as const),
    ...MEASURES.map((measure) => [measure.column, measure.type] as const),
  ];
}

/** The number of parameters a level takes (its arrays). */
export function levelParameterCount(level: PeriodLevel): number {
  return 1 + level.keys.length + MEASURES.length;
}

function unnest(columns: ReadonlyArray<readonly [string, string]>, first: number, alias: string): string {
  const args = columns.map(([, type], i) => `$${first + i}::${type}[]`).join(", ");
  return `unnest(${args}) AS ${alias}(${columns.map(([name]) => name).join(", ")})`;
}

const levelFirst = PERIOD_LEVELS.map((_, i) =>
  PERIOD_LEVELS.slice(0, i).reduce((first, level) => first + levelParameterCount(level), 2),
);

const measureList = MEASURES.map((measure) => measure.column).join(", ");

function levelUpsert(level: PeriodLevel, first: number): string {
  const key = [level.period, ...level.keys];
  const added = MEASURES.map(({ column }) => `${column} = d.${column} + EXCLUDED.${column}`).join(", ");
  return `INSERT INTO ${level.table} AS d (project_id, ${key.join(", ")}, ${measureList})
    SELECT $1, ${[...key, ...MEASURES.map((m) => m.column)].map((c) => `s.${c}`).join(", ")}
      FROM ${unnest(levelColumns(level), first, "s")}
     ORDER BY ${key.map((c) => `s.${c}`).join(", ")}
    ON CONFLICT (project_id, ${key.join(", ")}) DO UPDATE SET ${added}
    RETURNING d.events = 0 AS emptied`;
}

/**
 * Adds each level's deltas to its rows (creating missing ones) and counts the rows a negative
 * delta left without events, per level (columns e0, e1, ...).
 */
export const UPSERT_LEVELS_SQL = `WITH ${PERIOD_LEVELS.map(
  (level, i) => `l${i} AS (\n  ${levelUpsert(level, levelFirst[i]!)}\n)`,
).join(",\n")}
SELECT ${PERIOD_LEVELS.map((_, i) => `(SELECT count(*) FROM l${i} WHERE emptied)::int AS e${i}`).join(", ")}`;

const keyFirst = PERIOD_LEVELS.map((_, i) =>
  PERIOD_LEVELS.slice(0, i).reduce((first, level) => first + 1 + level.keys.length, 2),
);

/**
 * Deletes the rows left without events, as a day or month without usage has no row. Takes each
 * level's period and key arrays only (keyParameters), in PERIOD_LEVELS order.
 */
export const DELETE_EMPTIED_SQL = `WITH ${PERIOD_LEVELS.map((level, i) => {
  const key = [level.period, ...level.keys];
  const keyColumns = levelColumns(level).slice(0, key.length);
  return `l${i} AS (
  DELETE FROM ${level.table} AS d
   WHERE d.project_id = $1 AND d.events = 0
     AND (${key.map((c) => `d.${c}`).join(", ")}) IN (SELECT ${key.map((c) => `s.${c}`).join(", ")} FROM ${unnest(keyColumns, keyFirst[i]!, "s")})
)`;
}).join(",\n")}
SELECT 1`;

const sameKey = (level: RunningLevel, row: string, other: string) =>
  level.keys.map((key) => `${row}.${key} = ${other}.${key}`).join(" AND ");

/** A running level's parameters: $2 day, then its keys, then every measure. */
function runningColumns(level: RunningLevel): Array<readonly [string, string]> {
  return [
    ["day", "date"],
    ...level.keys.map((key) => [key, "text"] as const),
    ...MEASURES.map((measure) => [measure.column, measure.type] as const),
  ];
}

export interface RunningStatements {
  /** Locks the changed keys in key order (creating new ones): from here to commit, writers of a key take turns. */
  lockKeys: string;
  /** A changed day without a row gets one: a copy of the key's running total before that day. */
  fillDays: string;
  /** Every row of a key from its first changed day on adds the key's changes up to its day. */
  addChanges: string;
}

export function runningStatements(level: RunningLevel): RunningStatements {
  const keys = level.keys.join(", ");
  const sKeys = level.keys.map((key) => `s.${key}`).join(", ");
  const keyColumns = runningColumns(level).slice(0, 1 + level.keys.length);
  const windowSum = (column: string, type: string) =>
    `${type === "int8" ? "sum_int8" : "sum"}(s.${column}) OVER w AS ${column}`;
  return {
    // ON CONFLICT DO UPDATE locks a conflicting row even where its WHERE skips the write.
    lockKeys: `INSERT INTO ${level.keysTable} AS k (project_id, ${keys}, first_day, last_day)
      SELECT $1, ${sKeys}, min(s.day), max(s.day) FROM ${unnest(keyColumns, 2, "s")}
       GROUP BY ${sKeys} ORDER BY ${sKeys}
      ON CONFLICT (project_id, ${keys}) DO UPDATE SET
        first_day = least(k.first_day, EXCLUDED.first_day), last_day = greatest(k.last_day, EXCLUDED.last_day)
        WHERE EXCLUDED.first_day < k.first_day OR EXCLUDED.last_day > k.last_day`,
    fillDays: `INSERT INTO ${level.table} (project_id, ${keys}, day, ${measureList})
      SELECT $1, ${sKeys}, s.day, ${MEASURES.map(({ column }) => `coalesce(p.${column}, 0)`).join(", ")}
        FROM ${unnest(keyColumns, 2, "s")}
        LEFT JOIN LATERAL (
          SELECT ${measureList} FROM ${level.table} AS r
           WHERE r.project_id = $1 AND ${sameKey(level, "r", "s")} AND r.day < s.day ORDER BY r.day DESC LIMIT 1
        ) AS p ON true
       WHERE NOT EXISTS (SELECT 1 FROM ${level.table} AS r WHERE r.project_id = $1 AND ${sameKey(level, "r", "s")} AND r.day = s.day)`,
    // Each d row holds the running sum of the changes, valid from d.day until d.next_day.
    addChanges: `UPDATE ${level.table} AS r SET ${MEASURES.map(({ column }) => `${column} = r.${column} + d.${column}`).join(", ")}
      FROM (
        SELECT ${sKeys}, s.day, lead(s.day, 1, 'infinity') OVER w AS next_day,
               ${MEASURES.map(({ column, type }) => windowSum(column, type)).join(", ")}
          FROM ${unnest(runningColumns(level), 2, "s")}
        WINDOW w AS (PARTITION BY ${sKeys} ORDER BY s.day)
      ) AS d
     WHERE r.project_id = $1 AND ${sameKey(level, "r", "d")} AND r.day >= d.day AND r.day < d.next_day`,
  };
}
