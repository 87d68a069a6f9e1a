/**
 * The "Send data" page's snippets, run the way a reader pastes them: the curl one with the real
 * curl, the OpenTelemetry variables in a real shell in front of the real Python exporter (when
 * its virtual environment is there, as in acceptance-python.test.ts), against the app on loopback.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SendDataGuide } from "@/components/send-data/send-data-guide";
import { otelEnvSnippet, sendDataSnippets } from "@/components/send-data/snippets";
import { curlSnippet } from "@/lib/sdk/snippets";
import { useTestDatabase } from "../support/database";
import { createTenant } from "../ingest/support";
import { OTLP_TEST_DIR, PYTHON, PYTHON_AVAILABLE, PYTHON_SCRIPT_EMBEDDING_TOKENS, PYTHON_SCRIPT_USAGE, useLoopbackServers } from "./loopback";

const run = promisify(execFile);
const db = useTestDatabase();
const servers = useLoopbackServers(PYTHON_SCRIPT_USAGE, PYTHON_SCRIPT_EMBEDDING_TOKENS);

const events = async (projectId: string) =>
  (await db.pool.query("SELECT model, customer, feature, cost_total::text AS cost FROM usage_events WHERE project_id = $1 ORDER BY model", [projectId])).rows;

describe("Send data snippets", () => {
  it("each names this instance's URL and reads the key from INFERLEDGER_KEY", () => {
    for (const snippet of sendDataSnippets("https://ledger.example.com")) {
      expect(snippet.code, snippet.id).toContain("https://ledger.example.com");
      if (snippet.id !== "typescript") expect(snippet.code, snippet.id).toContain("INFERLEDGER_KEY");
    }
  });

  it("the page's guide renders every snippet with the URL and a link to create a key", () => {
    const html = renderToString(createElement(SendDataGuide, { endpoint: "https://ledger.example.com", createKeyHref: "/o/a/p/b/settings/keys?new=ingest" }));
    for (const snippet of sendDataSnippets("https://ledger.example.com")) expect(html).toContain(`id="${snippet.id}"`);
    expect(html).toContain("OTEL_EXPORTER_OTLP_ENDPOINT=https://ledger.example.com/api/otlp");
    expect(html).toContain('href="/o/a/p/b/settings/keys?new=ingest"');
  });

  it("the curl snippet sends an event that is stored and priced", async () => {
    const tenant = await createTenant(db);
    const { stdout } = await run("bash", ["-c", curlSnippet(servers.app().url)], { env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", INFERLEDGER_KEY: tenant.ingestKey } });
    expect(JSON.parse(stdout)).toMatchObject({ accepted: 1, rejected: 0 });
    // gpt-4o-mini 0.15 / 0.6: 1200 x 0.15 + 300 x 0.6
    expect(await events(tenant.projectId)).toEqual([{ model: "gpt-4o-mini", customer: "acme", feature: "support-bot", cost: "0.000360000000000" }]);
  });

  it.skipIf(!PYTHON_AVAILABLE)("the OpenTelemetry variables, exported in a shell, send a Python service's GenAI spans", async () => {
    const tenant = await createTenant(db);
    const script = `${otelEnvSnippet(servers.app().url)}\nexec "${PYTHON}" "${OTLP_TEST_DIR}python/export_openai.py"`;
    const env = { NODE_ENV: "test" as const, PATH: process.env.PATH ?? "", INFERLEDGER_KEY: tenant.ingestKey, OPENAI_BASE_URL: servers.openai().url, OPENAI_API_KEY: "sk-fake" };
    await run("bash", ["-c", script], { timeout: 60_000, env });
    expect(await events(tenant.projectId)).toEqual([
      { model: "gpt-4o", customer: "acme", feature: "support-bot", cost: "0.007500000000000" },
      { model: "gpt-4o-mini", customer: "acme", feature: "support-bot", cost: "0.000900000000000" },
      { model: "text-embedding-3-small", customer: "acme", feature: "support-bot", cost: "0.000200000000000" },
    ]);
  });
});
