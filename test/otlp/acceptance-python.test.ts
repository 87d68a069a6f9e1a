/**
 * Acceptance with real clients no one here wrote: the `openai` Python package, instrumented by
 * the official opentelemetry-instrumentation-openai-v2 and exported by the official
 * opentelemetry-sdk + opentelemetry-exporter-otlp-proto-http, configured only through the
 * documented OTEL_* variables, against a fake OpenAI server; the app's receiver on loopback.
 * Needs the virtual environment of test/otlp/python/venv.sh (or INFERLEDGER_OTLP_PYTHON);
 * skipped without one, except under CI, where it fails.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { createTenant } from "../ingest/support";
import {
  OTLP_TEST_DIR,
  PYTHON,
  PYTHON_AVAILABLE,
  PYTHON_SCRIPT_EMBEDDING_TOKENS,
  PYTHON_SCRIPT_USAGE,
  useLoopbackServers,
} from "./loopback";

const db = useTestDatabase();
const servers = useLoopbackServers(PYTHON_SCRIPT_USAGE, PYTHON_SCRIPT_EMBEDDING_TOKENS);

describe.skipIf(!PYTHON_AVAILABLE)("Python: openai + opentelemetry-instrumentation-openai-v2 -> OTLP/HTTP", () => {
  it.each([
    ["the default (older) GenAI conventions", ""],
    ["the latest experimental GenAI conventions", "gen_ai_latest_experimental"],
  ])("stores every model call priced exactly, with %s", async (_name, optIn) => {
    const tenant = await createTenant(db);
    const app = servers.app();
    await promisify(execFile)(PYTHON, [`${OTLP_TEST_DIR}python/export_openai.py`], {
      timeout: 60_000,
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH ?? "",
        OTEL_EXPORTER_OTLP_ENDPOINT: `${app.url}/api/otlp`,
        OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${tenant.ingestKey}`,
        OTEL_SERVICE_NAME: "py-acceptance",
        OTEL_RESOURCE_ATTRIBUTES: "inferledger.feature=py-support",
        OTEL_SEMCONV_STABILITY_OPT_IN: optIn,
        OPENAI_BASE_URL: servers.openai().url,
        OPENAI_API_KEY: "sk-fake",
      },
    });
    expect(
      app.log
        .filter((entry) => entry.path === "/api/otlp/v1/traces")
        .every((entry) => entry.status === 200 && entry.contentType === "application/x-protobuf"),
    ).toBe(true);
    const { rows } = await db.pool.query(
      "SELECT provider, model, customer, feature, status, cost_source, cost_total::text AS cost, tokens_input::int AS input, tokens_output::int AS output FROM usage_events WHERE project_id = $1 ORDER BY model",
      [tenant.projectId],
    );
    // gpt-4o 2.5 / 10, gpt-4o-mini 0.15 / 0.6, text-embedding-3-small 0.02 $/Mtok
    expect(rows).toEqual([
      {
        provider: "openai",
        model: "gpt-4o",
        customer: "acme",
        feature: "py-support",
        status: "ok",
        cost_source: "computed",
        cost: "0.007500000000000",
        input: 1000,
        output: 500,
      },
      {
        provider: "openai",
        model: "gpt-4o-mini",
        customer: "acme",
        feature: "py-support",
        status: "ok",
        cost_source: "computed",
        cost: "0.000900000000000",
        input: 2000,
        output: 1000,
      },
      {
        provider: "openai",
        model: "text-embedding-3-small",
        customer: "acme",
        feature: "py-support",
        status: "ok",
        cost_source: "computed",
        cost: "0.000200000000000",
        input: 10000,
        output: 0,
      },
    ]);
  });
});
