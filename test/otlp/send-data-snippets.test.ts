/**
 * The "Send data" page's snippets, run the way a reader pastes them, against the app on loopback
 * and a fake OpenAI API: the curl one with the real curl; the OpenTelemetry variables in a real
 * shell in front of the real Python exporter and the page's own OpenTelemetry Python code (when
 * that virtual environment is there, as in acceptance-python.test.ts); the Python, LangChain and
 * LiteLLM snippets with the Python SDK's virtual environment (packages/python/.venv, made by
 * `npm run test:python-env`) and the real openai, langchain-openai and litellm packages; the
 * Vercel AI SDK one with the real `ai`, `@ai-sdk/openai` and OpenTelemetry packages. A snippet
 * that only sets a client up gets the one call a reader would make next, appended. The
 * TypeScript snippet runs in test/sdk/docs.test.ts with the packed SDK.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SendDataGuide } from "@/components/send-data/send-data-guide";
import { otelEnvSnippet, sendDataSnippets } from "@/components/send-data/snippets";
import { curlSnippet } from "@/lib/sdk/snippets";
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

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, "..", "..");
const SDK_PYTHON = path.join(ROOT, "packages/python/.venv/bin/python");
const require = createRequire(import.meta.url);
const CALL = `[{"role": "user", "content": "Hi"}]`;
const db = useTestDatabase();
const servers = useLoopbackServers(PYTHON_SCRIPT_USAGE, PYTHON_SCRIPT_EMBEDDING_TOKENS);

const events = async (projectId: string) =>
  (
    await db.pool.query(
      "SELECT model, customer, feature, cost_total::text AS cost FROM usage_events WHERE project_id = $1 ORDER BY model",
      [projectId],
    )
  ).rows;

describe("Send data snippets", () => {
  it("each names this instance's URL and reads the key from INFERLEDGER_KEY", () => {
    for (const snippet of sendDataSnippets("https://ledger.example.com")) {
      expect(snippet.code, snippet.id).toContain("https://ledger.example.com");
      if (snippet.id !== "typescript") expect(snippet.code, snippet.id).toContain("INFERLEDGER_KEY");
    }
  });

  it("each Python snippet's install line names every package its code imports", () => {
    // Module -> PyPI distribution, for the modules the snippets import (a new one fails here first).
    const distributions: Record<string, string> = {
      openai: "openai",
      langchain_openai: "langchain-openai",
      litellm: "litellm",
    };
    const pythonSnippets = sendDataSnippets("https://ledger.example.com").filter((snippet) =>
      snippet.install?.startsWith("pip install"),
    );
    expect(pythonSnippets.map((snippet) => snippet.id)).toEqual(["python", "langchain", "litellm"]);
    for (const snippet of pythonSnippets) {
      const modules = [...snippet.code.matchAll(/^(?:from|import) ([a-z_]+)/gm)].map((match) => match[1]!);
      for (const name of modules.filter(
        (name) => name !== "inferledger" && !name.startsWith("opentelemetry") && !["os", "json"].includes(name),
      )) {
        expect(distributions[name], `${snippet.id}: unknown name ${name}`).toBeDefined();
        expect(snippet.install ?? "", `${snippet.id} imports ${name}`).toContain(distributions[name]!);
      }
    }
  });

  it("the page's guide renders every snippet with the URL and a link to create a key", () => {
    const html = renderToString(
      createElement(SendDataGuide, {
        endpoint: "https://ledger.example.com",
        createKeyHref: "/o/a/p/b/settings/keys?new=ingest",
      }),
    );
    for (const snippet of sendDataSnippets("https://ledger.example.com")) expect(html).toContain(`id="${snippet.id}"`);
    expect(html).toContain("OTEL_EXPORTER_OTLP_ENDPOINT=https://ledger.example.com/api/otlp");
    expect(html).toContain('href="/o/a/p/b/settings/keys?new=ingest"');
  });

  it("the curl snippet sends an event that is stored and priced", async () => {
    const tenant = await createTenant(db);
    const { stdout } = await run("bash", ["-c", curlSnippet(servers.app().url)], {
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", INFERLEDGER_KEY: tenant.ingestKey },
    });
    expect(JSON.parse(stdout)).toMatchObject({ accepted: 1, rejected: 0 });
    // gpt-4o-mini 0.15 / 0.6: 1200 x 0.15 + 300 x 0.6
    expect(await events(tenant.projectId)).toEqual([
      { model: "gpt-4o-mini", customer: "acme", feature: "support-bot", cost: "0.000360000000000" },
    ]);
  });

  it.skipIf(!PYTHON_AVAILABLE)(
    "the OpenTelemetry variables, exported in a shell, send a Python service's GenAI spans",
    async () => {
      const tenant = await createTenant(db);
      const script = `${otelEnvSnippet(servers.app().url)}\nexec "${PYTHON}" "${OTLP_TEST_DIR}python/export_openai.py"`;
      const env = {
        NODE_ENV: "test" as const,
        PATH: process.env.PATH ?? "",
        INFERLEDGER_KEY: tenant.ingestKey,
        OPENAI_BASE_URL: servers.openai().url,
        OPENAI_API_KEY: "sk-fake",
      };
      await run("bash", ["-c", script], { timeout: 60_000, env });
      expect(await events(tenant.projectId)).toEqual([
        { model: "gpt-4o", customer: "acme", feature: "support-bot", cost: "0.007500000000000" },
        { model: "gpt-4o-mini", customer: "acme", feature: "support-bot", cost: "0.000900000000000" },
        { model: "text-embedding-3-small", customer: "acme", feature: "support-bot", cost: "0.000200000000000" },
      ]);
    },
  );

  const snippetCode = (id: string) => sendDataSnippets(servers.app().url).find((snippet) => snippet.id === id)!.code;

  /** Python `code` in a file (not named after a package it imports), run by `python` in a shell that ran `exports`. */
  async function runPython(python: string, code: string, exports = ""): Promise<string> {
    const tenant = await createTenant(db);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "send-data-")), "snippet.py");
    writeFileSync(file, `${code}\n`);
    const env = {
      NODE_ENV: "test" as const,
      PATH: process.env.PATH ?? "",
      INFERLEDGER_KEY: tenant.ingestKey,
      OPENAI_BASE_URL: servers.openai().url,
      OPENAI_API_KEY: "sk-fake",
      LITELLM_LOCAL_MODEL_COST_MAP: "True", // litellm would download its price list at import
    };
    await run("bash", ["-c", `${exports}\nexec "${python}" "${file}"`], { timeout: 90_000, env });
    return tenant.projectId;
  }

  // gpt-4o 2.5 / 10 per million: 1000 x 2.5 + 500 x 10, the fake API's usage for gpt-4o.
  const GPT_4O = { model: "gpt-4o", customer: "acme", feature: "support-bot", cost: "0.007500000000000" };

  it("the Python snippet, run as written with the Python SDK, tracks the wrapped OpenAI call, priced", async () => {
    const projectId = await runPython(SDK_PYTHON, snippetCode("python"));
    expect(await events(projectId)).toEqual([GPT_4O]);
  }, 120_000);

  it("the LangChain snippet's callback handler tracks a chat model call, priced", async () => {
    const projectId = await runPython(
      SDK_PYTHON,
      `${snippetCode("langchain")}\nwith inferledger.context(customer="acme"):\n    llm.invoke("Hi")`,
    );
    expect(await events(projectId)).toEqual([GPT_4O]);
  }, 120_000);

  it("the LiteLLM snippet's logger tracks a completion, priced", async () => {
    const projectId = await runPython(
      SDK_PYTHON,
      `${snippetCode("litellm")}\nlitellm.completion(model="openai/gpt-4o", messages=${CALL}, metadata={"inferledger.customer": "acme"})`,
    );
    expect(await events(projectId)).toEqual([GPT_4O]);
  }, 120_000);

  it.skipIf(!PYTHON_AVAILABLE)(
    "the OpenTelemetry snippet (variables, then its Python code) exports a GenAI span with the baggage's customer, priced",
    async () => {
      const code = snippetCode("opentelemetry");
      const exports = code.slice(0, code.indexOf("\n\n"));
      expect(exports).toBe(otelEnvSnippet(servers.app().url));
      const python = `${code.slice(exports.length + 2)}\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=${CALL})`;
      const projectId = await runPython(PYTHON, python, exports);
      expect(await events(projectId)).toEqual([GPT_4O]);
    },
    120_000,
  );

  it("the Vercel AI SDK snippet, run as written, exports its generateText span, priced, with functionId as the feature", async () => {
    const tenant = await createTenant(db);
    // Inside the repository's node_modules, so that its imports resolve to the installed packages.
    const dir = path.join(ROOT, "node_modules", ".cache", "send-data-snippets");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `vercel-ai-${process.pid}.mts`);
    writeFileSync(file, snippetCode("vercel-ai"));
    const env = {
      NODE_ENV: "test" as const,
      PATH: process.env.PATH ?? "",
      INFERLEDGER_KEY: tenant.ingestKey,
      OPENAI_BASE_URL: servers.openai().url,
      OPENAI_API_KEY: "sk-fake",
    };
    try {
      await run(process.execPath, [require.resolve("tsx/cli"), file], { cwd: dir, env, timeout: 90_000 });
    } finally {
      rmSync(file, { force: true });
    }
    expect(await events(tenant.projectId)).toEqual([{ ...GPT_4O, feature: "summarize" }]);
  }, 120_000);
});
