/** The CSV form of each read-API response: the same rows as the JSON, money at full precision. */
import type {
  CompareResponse,
  CostRow,
  CostsResponse,
  SummaryResponse,
  TimeseriesResponse,
  UsageEventView,
} from "./contracts";
import type { CsvCell } from "./csv";
import { TOKEN_CLASSES } from "@/lib/token-classes";

export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

const TOKEN_HEADERS = TOKEN_CLASSES.map((name) => `tokens_${name}`);

export function costsCsv(response: CostsResponse): CsvTable {
  const header = [
    response.group_by,
    "provider",
    "spend_usd",
    "token_spend_usd",
    "gpu_spend_usd",
    "requests",
    "error_events",
    "error_rate",
    "unpriced_events",
    ...TOKEN_HEADERS,
    "tokens_total",
    "cost_per_request_usd",
    "cache_hit_rate",
    "gpu_seconds",
    "latency_p50_ms",
    "latency_p95_ms",
    "latency_mean_ms",
    "previous_spend_usd",
    "change_pct",
  ];
  const line = (row: CostRow): CsvCell[] => [
    row.key,
    row.provider,
    row.spend,
    row.token_spend,
    row.gpu_spend,
    row.requests,
    row.error_events,
    row.error_rate,
    row.unpriced_events,
    ...TOKEN_CLASSES.map((name) => row.tokens[name]),
    row.tokens.total,
    row.cost_per_request,
    row.cache_hit_rate,
    row.gpu_seconds,
    row.latency.p50_ms,
    row.latency.p95_ms,
    row.latency.mean_ms,
    row.previous_spend,
    row.change_pct,
  ];
  return { header, rows: [...response.rows.map(line), line(response.totals)] };
}

export function summaryCsv(response: SummaryResponse): CsvTable {
  const rows: CsvCell[][] = [
    ["spend_usd", "", response.spend],
    ["token_spend_usd", "", response.token_spend],
    ["gpu_spend_usd", "", response.gpu_spend],
    ["previous_spend_usd", "", response.previous_spend],
    ["change_pct", "", response.change_pct],
    ["requests", "", response.requests],
    ["previous_requests", "", response.previous_requests],
    ["error_events", "", response.error_events],
    ["unpriced_events", "", response.unpriced.events],
    ["gpu_seconds", "", response.gpu.gpu_seconds],
    ["gpu_pool_cost_usd", "", response.gpu.pool_cost],
    ["gpu_idle_cost_usd", "", response.gpu.idle_cost],
    ["gpu_idle_share", "", response.gpu.idle_share],
    ...TOKEN_CLASSES.map((name): CsvCell[] => [`tokens_${name}`, "", response.tokens[name]]),
    ["tokens_total", "", response.tokens.total],
    ...response.unpriced.models.map((model): CsvCell[] => [
      "unpriced_model_events",
      `${model.provider}/${model.model}`,
      model.events,
    ]),
    ...(["features", "customers", "models"] as const).flatMap((kind) =>
      response.top[kind].map((item): CsvCell[] => [
        `top_${kind}_spend_usd`,
        item.provider ? `${item.provider}/${item.key}` : item.key,
        item.spend,
      ]),
    ),
  ];
  return { header: ["metric", "key", "value"], rows };
}

export function timeseriesCsv(response: TimeseriesResponse): CsvTable {
  const rows: CsvCell[][] = [];
  response.days.forEach((day, i) => {
    for (const series of response.series) {
      rows.push([day, series.key, series.provider, series.spend[i], series.requests[i], series.tokens[i]]);
    }
  });
  return { header: ["day", response.stack_by, "provider", "spend_usd", "requests", "tokens"], rows };
}

export function compareCsv(response: CompareResponse): CsvTable {
  const rows: CsvCell[][] = response.by_source.map((source) => [
    source.provider,
    source.model,
    source.requests,
    source.tokens.total,
    source.actual,
    source.counterfactual,
  ]);
  rows.push([
    "total",
    "",
    response.requests,
    response.by_source.reduce((sum, s) => sum + s.tokens.total, 0),
    response.actual,
    response.counterfactual,
  ]);
  return {
    header: [
      "source_provider",
      "source_model",
      "requests",
      "tokens",
      "actual_usd",
      `on_${response.target.provider}/${response.target.model}_usd`,
    ],
    rows,
  };
}

export const USAGE_EVENT_HEADER = [
  "event_id",
  "occurred_at",
  "received_at",
  "customer",
  "feature",
  "provider",
  "model",
  "service_tier",
  "status",
  "error_type",
  "latency_ms",
  ...TOKEN_HEADERS,
  "unit",
  "unit_quantity",
  "image_size",
  "image_quality",
  "gpu_seconds",
  "gpu_type",
  "gpu_pool",
  "cost_token_usd",
  "cost_gpu_usd",
  "cost_total_usd",
  "cost_source",
  "price_entry_id",
];

export function usageEventRow(event: UsageEventView): CsvCell[] {
  return [
    event.event_id,
    event.occurred_at,
    event.received_at,
    event.customer,
    event.feature,
    event.provider,
    event.model,
    event.service_tier,
    event.status,
    event.error_type,
    event.latency_ms,
    ...TOKEN_CLASSES.map((name) => event.tokens[name]),
    event.units?.unit ?? "",
    event.units?.quantity ?? "",
    event.units?.size ?? "",
    event.units?.quality ?? "",
    event.gpu?.seconds ?? "",
    event.gpu?.type ?? "",
    event.gpu?.pool ?? "",
    event.cost.token,
    event.cost.gpu,
    event.cost.total,
    event.cost.source,
    event.cost.price_entry_id,
  ];
}
