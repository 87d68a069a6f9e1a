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
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { EndpointSection } from "./endpoint";
import { EXAMPLES } from "./examples";
import { API_GROUPS, endpointAnchor, endpoints, type ApiGroup } from "./routes";
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

export default async function ApiReferencePage() {
  const baseUrl = await publicBaseUrl();
  const all = endpoints();
  const groups = (Object.keys(API_GROUPS) as ApiGroup[]).map((group) => ({
    group,
    endpoints: all.filter((endpoint) => endpoint.group === group),
  }));
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
        <code>{JSON.stringify(EXAMPLES["POST /api/v1/events"]?.response)}</code>. An unknown model is stored as{" "}
        <em>unpriced</em>, never as $0, and priced when its price is added.
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

      <h2 id="manage">Management API</h2>
      <p>
        Price and GPU management takes a key with the <code>admin</code> scope or a signed-in engineer, admin or owner;
        plans, scenarios and revenue imports take a signed-in finance member, admin or owner. Viewers change nothing.
      </p>
      <p>
        For an external scheduler: <code>POST /api/cron/digest</code>, <code>/api/cron/detect</code>,{" "}
        <code>/api/cron/gpu-idle</code> and <code>/api/cron/alerts</code>, with the header <code>x-cron-secret</code>{" "}
        equal to <code>CRON_SECRET</code> (compared in constant time).
      </p>

      <h2 id="endpoints">Endpoints</h2>
      <p>
        Generated from the contracts the routes validate with: path parameters, query, body and answer, each field with
        its type. An answer&apos;s fields are checked against the same schema on every call in the test suite.
      </p>
      <table className={styles.table}>
        <tbody>
          {all.map((endpoint) => (
            <tr key={endpointAnchor(endpoint)}>
              <td>
                <a href={`#${endpointAnchor(endpoint)}`}>
                  <code>
                    {endpoint.method} {endpoint.path}
                  </code>
                </a>
              </td>
              <td>{endpoint.contract.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.map(({ group, endpoints: list }) => (
        <div key={group}>
          <h2 id={group}>{API_GROUPS[group].title}</h2>
          {API_GROUPS[group].intro && <p>{API_GROUPS[group].intro}</p>}
          {list.map((endpoint) => (
            <EndpointSection key={endpointAnchor(endpoint)} endpoint={endpoint} />
          ))}
        </div>
      ))}

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
