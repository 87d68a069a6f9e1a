import { publicBaseUrl } from "@/components/base-url";
import type { Metadata } from "next";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import {
  MAX_AGE_DAYS,
  MAX_BODY_BYTES,
  MAX_EVENTS_PER_REQUEST,
  MAX_EVENT_ID_LENGTH,
  MAX_METADATA_KEYS,
  MAX_NAME_LENGTH,
} from "@/lib/ingest/limits";
import { MAX_OTLP_BODY_BYTES } from "@/lib/otlp/http";
import { USAGE_FORMATS } from "@/lib/pricing/normalize";
import { TOKEN_CLASSES } from "@/lib/pricing/types";
import styles from "./api-docs.module.css";

export const metadata: Metadata = { title: "API reference" };

const ERROR_MEANINGS: Record<ErrorCode, string> = {
  invalid_body: "The body does not match the schema; the message names the field and the reason.",
  invalid_query: "A query parameter is missing or invalid; the message names it.",
  invalid_json: "The body is not valid JSON.",
  unauthorized: "No API key or session, or the key is unknown or revoked.",
  forbidden: "The key lacks the scope, or your role may not do this.",
  not_found: "No such resource in your project (other tenants' resources are not found either).",
  conflict: "The change conflicts with the current state (e.g. a duplicate name).",
  payload_too_large: "The body is over the documented limit (after gzip decompression).",
  unsupported_media_type: "Content-Type is not application/json, or Content-Encoding is not gzip.",
  unprocessable: "Well-formed but refused as a whole (e.g. a CSV import with bad rows: nothing was written).",
  rate_limited:
    "Too many requests for this key or user, or too many unknown keys from this address; retry after the Retry-After header's seconds.",
  internal_error: "Our fault; logged on our side, with no internals in the answer.",
  unavailable:
    "The database is unreachable or restarting; nothing was written. Retry after the Retry-After header's seconds.",
  query_timeout:
    "The query ran past the statement timeout and was stopped; ask for a shorter period or fewer filter values.",
};

const READ_ENDPOINTS: [string, string][] = [
  [
    "GET /api/v1/summary",
    "Spend for the period and the previous one, requests, tokens, unpriced events and models, GPU spend with its idle share, top features, customers and models.",
  ],
  [
    "GET /api/v1/costs?group_by=day|feature|customer|model|provider",
    "Rows with spend, requests, tokens by class, cost per request, cache hit rate, GPU spend, latency p50/p95, error rate, change vs previous period; a totals row.",
  ],
  [
    "GET /api/v1/timeseries?stack_by=feature|model|customer&top=N",
    "Daily spend of the top N keys plus “Other”, with the days that had events.",
  ],
  [
    "GET /api/v1/compare?dimension=feature|customer&key=…&target_model=…",
    "What the real token history would have cost on another model (a what-if; nothing is written).",
  ],
  [
    "GET /api/v1/usage-events",
    "The latest raw events with filters (customer, feature, model, status, unpriced), a cursor, each with its cost breakdown.",
  ],
  [
    "GET /api/v1/events/{event_id}",
    "One event with its priced result and provenance: the price entry, tier and rule behind each token class.",
  ],
  [
    "GET /api/v1/prices/resolve?model=…&provider=…&at=…",
    "The price entry that would price such an event, or “no price” with near matches.",
  ],
  [
    "GET /api/v1/margins?group_by=customer|feature&plan=…&scenario=…",
    "Cost, revenue, gross margin and margin % under the assigned plan, a compared plan or a scenario.",
  ],
  [
    "GET /api/v1/anomalies",
    "Detected cost anomalies with expected vs actual (band_low, band_high), dollar_impact, severity and root_causes, grouped into incidents; /api/v1/anomalies/series?series=<series_id> is one series with its baseline band.",
  ],
  [
    "GET /api/v1/prices/gpu-idle?from=…&to=…",
    "The GPU pools' cost for a period split into busy and idle time, per pool, from the computed days.",
  ],
  [
    "GET /api/v1/budgets, GET /api/v1/budgets/{id}/status",
    "Budgets with spend to date, the forecast to the end of the period (method stated, 95% band), breach and projected breach dates, thresholds crossed.",
  ],
  [
    "GET /api/v1/budgets/check?customer=…&feature=…&model=…&provider=…",
    "Before an expensive call: the budgets that apply, their spend this period, what remains, breached or not, and allowed: false when any is spent. From rollups, a few ms.",
  ],
];

const MANAGE_ENDPOINTS: [string, string][] = [
  [
    "/api/v1/prices/overrides, /api/v1/prices/aliases",
    "Project price overrides (discounts, markups, private or fine-tuned models, effective-dated) and model aliases (e.g. an Azure deployment name). GET, POST, PATCH and DELETE on /{id}.",
  ],
  [
    "/api/v1/prices/gpu-rates, /api/v1/prices/gpu-pools",
    "Dollars per GPU-hour by GPU type (effective-dated) and reserved pools (N GPUs of a type from a date), whose idle time is allocated to the pool's events.",
  ],
  [
    "GET /api/v1/prices/catalog?search=…, GET /api/v1/prices/unpriced",
    "Search the price book; list the model names whose events still need a price.",
  ],
  [
    "POST /api/v1/prices/reprice/preview, POST /api/v1/prices/reprice",
    "Preview, then run, an audited and idempotent re-pricing of a period (and optionally a model): events and every rollup change together.",
  ],
  [
    "/api/v1/plans, PUT /api/v1/plans/assignments",
    "Pricing plans (usage-based, outcome-based, subscription, hybrid), the default plan and per-customer assignments with effective dates.",
  ],
  [
    "/api/v1/scenarios, POST /api/v1/scenarios/run, POST /api/v1/scenarios/compare",
    "Saved what-if scenarios: price changes, a cheaper model for a feature, an assumed cache hit rate, run on the real history.",
  ],
  [
    "POST /api/v1/revenue/import",
    "Actual revenue per customer and month as CSV (customer,month,revenue_usd); all rows or none, with a report of every rejected row.",
  ],
  [
    "POST /api/v1/prices/gpu-idle",
    "Recomputes the GPU pools' busy and idle cost of a period (the scheduler does each project's last three complete days every hour).",
  ],
  [
    "/api/v1/budgets (POST), /api/v1/budgets/{id} (GET with audit trail, PATCH, DELETE)",
    "Budgets on the project or a slice (feature, customer, model, provider), per month, quarter or custom range; thresholds on actual and forecast spend; usage or fully loaded cost. Owners, admins and finance.",
  ],
  [
    "/api/v1/alert-channels, POST …/{id}/test, GET …/{id}/deliveries",
    "Alert channels (email, Slack incoming webhook, signed webhook with InferLedger-Signature: t=…,v1=HMAC-SHA256 over “t.body”, 300 s replay window), send test, delivery log. With a session and ?project=.",
  ],
  [
    "POST /api/cron/digest, POST /api/cron/detect, POST /api/cron/gpu-idle, POST /api/cron/alerts",
    "For an external scheduler: header x-cron-secret must equal CRON_SECRET (compared in constant time).",
  ],
];

export default async function ApiReferencePage() {
  const baseUrl = await publicBaseUrl();
  return (
    <main className={styles.page}>
      <h1>InferLedger API reference</h1>
      <p>
        Base URL of this instance: <code data-testid="base-url">{baseUrl}</code>. Every request and response is JSON
        (snake_case). Money is a decimal string of US dollars, exact to 15 places; counts are numbers.
      </p>

      <h2 id="auth">Authentication</h2>
      <p>
        Send an API key as <code>Authorization: Bearer ilk_…</code>. Keys belong to one project and carry scopes:{" "}
        <code>ingest</code> (send events), <code>read</code> (read aggregates and events), <code>admin</code> (manage
        prices and GPU rates). Create them in Settings → API keys or with{" "}
        <code>npm run cli -- keys create --project &lt;slug&gt; --scopes ingest,read</code>; the key is shown once and
        stored only as a hash. The dashboards call the same read endpoints with the signed-in session and a{" "}
        <code>project</code> query parameter.
      </p>

      <h2 id="rate-limits">Rate limits</h2>
      <p>
        Each API key and each signed-in user has a budget of requests per second with bursts (ingestion has its own,
        larger one); requests with an unknown or invalid key spend a budget of their client address. Beyond a budget the
        answer is <code>429 rate_limited</code> with a <code>Retry-After</code> header in seconds. The operator sets the
        figures (<code>API_RATE_PER_SECOND</code>, <code>INGEST_RATE_PER_SECOND</code>,{" "}
        <code>INVALID_KEY_RATE_PER_SECOND</code> and their bursts).
      </p>

      <h2 id="ingest">POST /api/v1/events</h2>
      <p>
        Scope <code>ingest</code>. A batch of usage and outcome events: <code>{'{"events": [...]}'}</code>, at most{" "}
        {MAX_EVENTS_PER_REQUEST.toLocaleString("en-US")} events and {MAX_BODY_BYTES.toLocaleString("en-US")} bytes after
        decompression (<code>Content-Encoding: gzip</code> accepted); beyond either limit the answer is 413 naming it.
        Each event is validated on its own: the valid events of a partly bad batch are stored.
      </p>
      <ul>
        <li>
          <code>event_id</code> (required, 1–{MAX_EVENT_ID_LENGTH} characters): your idempotency key, unique per
          project. Sending it again, even concurrently, is answered <code>duplicate</code> and counted once everywhere.
        </li>
        <li>
          <code>occurred_at</code> (required, ISO 8601 with a timezone): accepted back to {MAX_AGE_DAYS} days; more than
          5 minutes in the future is rejected.
        </li>
        <li>
          <code>customer</code>, <code>feature</code> (up to {MAX_NAME_LENGTH} characters): created on first sight.
        </li>
        <li>
          <code>provider</code>, <code>model</code>, <code>service_tier</code> (<code>standard</code>,{" "}
          <code>batch</code>, <code>flex</code>, <code>priority</code>).
        </li>
        <li>
          Either <code>tokens</code>, our canonical, non-overlapping classes (
          {TOKEN_CLASSES.map((name, index) => (
            <span key={name}>
              {index > 0 && ", "}
              <code>{name}</code>
            </span>
          ))}
          ), or <code>usage</code>, the provider’s or framework’s own usage object as it returned it (OpenAI chat,
          responses and images, Anthropic messages, Gemini <code>usageMetadata</code>, Bedrock Converse, Cohere,
          OpenTelemetry <code>gen_ai.usage.*</code> and OpenInference <code>llm.token_count.*</code>, LangChain{" "}
          <code>usage_metadata</code>, LiteLLM, OpenRouter, Vercel AI SDK v4, v5 and v6); we normalise it once, so
          cached tokens are never double counted. Where the fields cannot tell (a Vercel AI SDK v5 usage with cached
          tokens from a provider such as Vertex) the event is rejected on <code>usage_format</code>, which names the
          shape (
          {USAGE_FORMATS.map((name, index) => (
            <span key={name}>
              {index > 0 && ", "}
              <code>{name}</code>
            </span>
          ))}
          ), instead of being priced on a guess. Calls billed by another unit send it the same way: transcription
          seconds (<code>{'{"type": "duration", "seconds": 60}'}</code>, whisper-1), speech characters (
          <code>{'{"characters": 1200}'}</code>, tts-1), generated images (
          <code>{'{"images": 2, "size": "1024x1792", "quality": "hd"}'}</code>, dall-e-3; OpenAI’s defaults 1024x1024
          and standard when absent), priced at the catalog’s price per second, character or image; an image size the
          model has no price for is unpriced, never priced as another size.
        </li>
        <li>
          <code>gpu</code>: <code>{"{seconds, type, pool}"}</code> for self-hosted models.
        </li>
        <li>
          <code>latency_ms</code>, <code>status</code> (<code>ok</code> | <code>error</code>), <code>error_type</code>,{" "}
          <code>trace_id</code>, <code>session_id</code>, <code>metadata</code> (up to {MAX_METADATA_KEYS} string
          values), <code>cost_usd</code> (a cost your side computed, used only when we cannot price the model).
        </li>
        <li>
          Outcome events:{" "}
          <code>{'{"type": "outcome", event_id, occurred_at, customer, feature, outcome, quantity, value}'}</code>.
        </li>
      </ul>
      <p>
        The answer (200, only after the data is committed) lists every event:{" "}
        <code>
          {
            '{"results": [{"index": 0, "status": "accepted"}, {"index": 1, "status": "rejected", "field": "events[1].model", "reason": "required"}], "accepted": 1, "duplicates": 0, "rejected": 1}'
          }
        </code>
        . An unknown model is stored as <em>unpriced</em>, never as $0, and priced when its price is added.
      </p>

      <h2 id="otlp">POST /api/otlp/v1/traces (OpenTelemetry)</h2>
      <p>
        Scope <code>ingest</code>. The OTLP/HTTP traces endpoint: set{" "}
        <code>OTEL_EXPORTER_OTLP_ENDPOINT=&lt;this app&gt;/api/otlp</code> and{" "}
        <code>OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20&lt;key&gt;</code>. Protobuf or JSON, gzip accepted, at
        most {MAX_OTLP_BODY_BYTES.toLocaleString("en-US")} bytes after decompression. Spans with GenAI token usage (
        <code>gen_ai.usage.*</code>, <code>llm.token_count.*</code>, the Vercel AI SDK’s <code>ai.usage.*</code>) become
        usage events through the ingestion above, with the id <code>otlp-&lt;trace id&gt;-&lt;span id&gt;</code> (a
        retried export is stored once); customer and feature from the project’s own attribute names (Send data page),
        else the <code>inferledger.customer</code> and <code>inferledger.feature</code> attributes of the span or its
        resource. Other spans are ignored. The answer is OTLP’s: empty on success, or <code>partial_success</code> with{" "}
        <code>rejected_spans</code> and a message naming each rejected span’s field and reason.
      </p>

      <h2 id="read">Read API</h2>
      <p>
        Scope <code>read</code>. Period: <code>range=7d|30d|90d|mtd|last-month</code> (default 30d) or{" "}
        <code>from=YYYY-MM-DD&amp;to=YYYY-MM-DD</code> (inclusive days in the organisation’s timezone). Filters{" "}
        <code>feature</code>, <code>customer</code>, <code>model</code>, <code>provider</code> repeat or take comma
        lists. Add <code>format=csv</code> for the same rows as CSV. These endpoints read daily aggregates, never raw
        events (except the events explorer).
      </p>
      <table className={styles.table}>
        <tbody>
          {READ_ENDPOINTS.map(([endpoint, meaning]) => (
            <tr key={endpoint}>
              <td>
                <code>{endpoint}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="manage">Management API</h2>
      <p>
        Price and GPU management takes a key with the <code>admin</code> scope or a signed-in engineer, admin or owner;
        plans, scenarios and revenue imports take a signed-in finance member, admin or owner. Viewers change nothing.
      </p>
      <table className={styles.table}>
        <tbody>
          {MANAGE_ENDPOINTS.map(([endpoint, meaning]) => (
            <tr key={endpoint}>
              <td>
                <code>{endpoint}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="errors">Errors</h2>
      <p>
        One envelope everywhere:{" "}
        <code>
          {
            '{"error": {"code": "invalid_body", "message": "events[3].model: required", "docs": "/docs/api#invalid_body"}}'
          }
        </code>
        .
      </p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>code</th>
            <th>status</th>
            <th>meaning</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => (
            <tr key={code} id={code}>
              <td>
                <code>{code}</code>
              </td>
              <td>{ERROR_STATUS[code]}</td>
              <td>{ERROR_MEANINGS[code]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
