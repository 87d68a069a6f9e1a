/**
 * Generated read-API requests: every GET route, every parameter it takes (and some it does
 * not), with valid values, odd dates, huge ranges, NUL, injection strings, repeated
 * parameters and odd path ids.
 */
import type { FuzzRequest } from "./ingest-requests";
import type { Random } from "./random";
import { ODD_STRINGS } from "./values";

const ROUTES = [
  "/api/v1/summary",
  "/api/v1/costs",
  "/api/v1/timeseries",
  "/api/v1/compare",
  "/api/v1/usage-events",
  "/api/v1/events/{id}",
  "/api/v1/margins",
  "/api/v1/margins/options",
  "/api/v1/anomalies",
  "/api/v1/anomalies/series",
  "/api/v1/anomalies/{id}",
  "/api/v1/prices/resolve",
  "/api/v1/prices/catalog",
  "/api/v1/prices/history",
  "/api/v1/prices/unpriced",
  "/api/v1/prices/gpu-idle",
  "/api/v1/prices/gpu-rates",
  "/api/v1/prices/gpu-pools",
  "/api/v1/prices/overrides",
  "/api/v1/prices/aliases",
  "/api/v1/plans",
  "/api/v1/plans/{id}",
  "/api/v1/plans/assignments",
  "/api/v1/scenarios",
  "/api/v1/scenarios/{id}",
  "/api/v1/revenue/imports",
] as const;

const DAYS = [
  "2026-11-20",
  "2026-12-01",
  "2025-01-01",
  "2000-01-01",
  "2100-12-31",
  "1999-12-31",
  "2101-01-01",
  "9999-12-31",
  "0001-01-01",
  "0000-01-01",
  "2026-02-30",
  "2026-02-29",
  "2024-02-29",
  "2026-13-01",
  "2026-00-10",
  "x",
  "",
  "2026-1-1",
  "20261201",
  "-2026-01-01",
  "2026-12-01T00:00:00Z",
  "2026-12-01\u0000",
];

const VALUES: Record<string, readonly string[]> = {
  range: ["7d", "30d", "90d", "mtd", "last-month", "1y", "", "7D", "-7d"],
  group_by: ["day", "feature", "customer", "model", "provider", "week", "", "__proto__"],
  stack_by: ["feature", "model", "customer", "provider", "x"],
  top: ["5", "0", "-1", "1000000", "1e9", "abc", "5.5"],
  dimension: ["feature", "customer", "model", "x"],
  key: ["chat", "acme", "search", "__proto__"],
  target_model: ["gpt-4o-mini", "claude-sonnet-4-5", "nope", "__proto__"],
  target_provider: ["openai", "anthropic", "constructor"],
  price_date: ["current", "historical", "x"],
  limit: ["1", "50", "100", "0", "-5", "1000000", "x"],
  cursor: ["", "abc", "eyJ4IjoxfQ", "W1siMjAyNi0xMi0wMSIsIngiXV0", "W10", "%00"],
  status: ["ok", "error", "open", "acknowledged", "resolved", "x,y", ""],
  unpriced: ["true", "false", "1", "x"],
  format: ["json", "csv", "xml", ""],
  plan: ["nope", "00000000-0000-0000-0000-000000000000", "'; select 1; --"],
  scenario: ["nope", "00000000-0000-0000-0000-000000000000"],
  series: ["cost", "cost|feature=chat", "x|y=z", "cost|customer=__proto__"],
  model: ["gpt-4o", "claude-sonnet-4-5", "__proto__", "openai/gpt-4o", ""],
  provider: ["openai", "anthropic", "__proto__", "constructor", ""],
  customer: ["acme", "globex", "ünïcødé", "a,b,c"],
  feature: ["chat", "search", "summarize"],
  at: ["2026-12-01", "2026-12-01T12:00:00Z", "2026-12-01T12:00:00+16:00", "0000-01-01", "x"],
  search: ["gpt", "%", "_", "claude", "'"],
  page: ["1", "0", "10001", "x"],
  archived: ["true", "false", "x"],
  project: ["00000000-0000-0000-0000-000000000000", "x"],
};
const PARAMS = [...Object.keys(VALUES), "from", "to"];

export function createReadGenerator(random: Random, knownEventIds: () => readonly string[]) {
  function value(name: string): string {
    if (random.chance(0.12)) return random.pick(ODD_STRINGS);
    if (name === "from" || name === "to") return random.pick(DAYS);
    return random.pick(VALUES[name] ?? ODD_STRINGS);
  }

  function pathId(): string {
    const ids = knownEventIds();
    if (ids.length > 0 && random.chance(0.4)) return random.pick(ids);
    return random.pick([
      "00000000-0000-0000-0000-000000000000",
      "nope",
      "%00",
      "..%2F..%2Fetc",
      "%E2%80%AE",
      "a".repeat(300),
      "%ED%A0%80",
      "%27%20OR%201%3D1",
    ]);
  }

  return {
    next(): FuzzRequest {
      const route = random.pick(ROUTES);
      const path = route.replace("{id}", () => {
        const id = pathId();
        return /%/.test(id) ? id : encodeURIComponent(id);
      });
      const params = new URLSearchParams();
      const count = random.int(5);
      for (let i = 0; i < count; i++) {
        const name = random.pick(PARAMS);
        params.append(name, value(name));
      }
      // A well-formed period now and then, so the queries also run on data.
      if (random.chance(0.3)) {
        params.set("from", random.pick(["2026-06-01", "2026-11-01", "2024-12-07"]));
        params.set("to", random.pick(["2026-12-06", "2026-11-30", "2026-12-31"]));
      }
      const query = params.toString();
      return {
        kind: `read ${route}`,
        method: "GET",
        path: query ? `${path}?${query}` : path,
        auth: random.chance(0.97) ? "read" : random.pick(["none", "unknown", "ingest"] as const),
        headers: {},
      };
    },
  };
}
