// Docs that run: every TypeScript block of the SDK's README and the SDK block of the root README,
// the in-app "first event" guide (SDK and curl) and the Send data page's TypeScript snippet (with
// the call a reader makes next through its wrapped client), compiled (tsc --strict) and run as written,
// from a fresh app with the packed SDK, against the real ingestion route on a real database.
// The provider clients in the blocks reach the local fake OpenAI / Anthropic API through their
// own environment variables (OPENAI_BASE_URL, ANTHROPIC_BASE_URL).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { codeBlocks } from "@/lib/sdk/code-blocks";
import { sendDataSnippets } from "@/components/send-data/snippets";
import { curlSnippet, sdkSnippet } from "@/lib/sdk/snippets";
import { appWithProviders } from "@/packages/sdk/test/support/packed";
import { startProviders, type Providers } from "@/packages/sdk/test/support/providers";
import { useTestDatabase } from "../support/database";
import { createTenant, type Tenant } from "../ingest/support";

const run = promisify(execFile);
const db = useTestDatabase();
const root = path.join(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);

interface Doc {
  name: string;
  code: string;
  /** Events the block sends (usage and outcome). */
  events: number;
  /** The block's usage events are all priced from the catalog (checked where set). */
  priced?: boolean;
}

/** Blocks are checked against what each sends: a block added to a README needs a line here. */
function docs(url: string): Doc[] {
  const sdkReadme = codeBlocks(readFileSync(path.join(root, "packages/sdk/README.md"), "utf8"), "ts");
  const rootReadme = codeBlocks(readFileSync(path.join(root, "README.md"), "utf8"), "ts").filter((b) =>
    b.includes("@inferledger/sdk"),
  );
  const sends = [2, 1, 3, 2000, 0];
  expect(sdkReadme).toHaveLength(sends.length);
  expect(rootReadme).toHaveLength(1);
  return [
    ...sdkReadme.map((code, i) => ({ name: `packages/sdk/README.md block ${i + 1}`, code, events: sends[i]! })),
    { name: "README.md SDK block", code: rootReadme[0]!, events: 1 },
    { name: "in-app guide, SDK", code: sdkSnippet(url), events: 1 },
    {
      name: "Send data page, TypeScript",
      code: `${sendDataSnippets(url).find((snippet) => snippet.id === "typescript")!.code}\nawait openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] });\n`,
      events: 2,
      priced: true,
    },
  ];
}

let tenant: Tenant;
let server: Server;
let url: string;
let providers: Providers;
let app: string;

beforeAll(async () => {
  tenant = await createTenant(db);
  // The app's own POST /api/v1/events behind a real HTTP server.
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const request = new NextRequest(`http://localhost${req.url}`, {
      method: req.method,
      headers,
      body: new Uint8Array(Buffer.concat(chunks)),
    });
    const response =
      req.url === "/api/v1/events" && req.method === "POST"
        ? await POST(request, { params: Promise.resolve({}) })
        : new Response("{}", { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  providers = await startProviders();
  app = await appWithProviders("docs-app");
});
afterAll(async () => {
  await providers?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

async function storedEvents(): Promise<number> {
  const { rows } = await db.pool.query(
    `SELECT (SELECT count(*)::int FROM usage_events WHERE project_id = $1) + (SELECT count(*)::int FROM outcome_events WHERE project_id = $1) AS n`,
    [tenant.projectId],
  );
  return rows[0].n;
}

async function notComputed(): Promise<number> {
  const { rows } = await db.pool.query(
    "SELECT count(*)::int AS n FROM usage_events WHERE project_id = $1 AND cost_source <> 'computed'",
    [tenant.projectId],
  );
  return rows[0].n;
}

const env = () => ({
  ...process.env,
  INFERLEDGER_KEY: tenant.ingestKey,
  INFERLEDGER_URL: url,
  OPENAI_API_KEY: "sk-docs",
  OPENAI_BASE_URL: `${providers.url}/v1`,
  ANTHROPIC_API_KEY: "sk-ant-docs",
  ANTHROPIC_BASE_URL: providers.url,
});

describe("the SDK's documented code", () => {
  it("compiles under tsc --strict (module nodenext), every block as written", async () => {
    const files = docs(url).map((doc, i) => {
      writeFileSync(path.join(app, `doc-${i}.mts`), doc.code);
      return `doc-${i}.mts`;
    });
    const compilerOptions = {
      noEmit: true,
      strict: true,
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      lib: ["es2022"],
      types: ["node"],
      skipLibCheck: true,
    };
    writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
    const result = await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "."], { cwd: app }).catch(
      (e: { stdout: string }) => e,
    );
    expect(result.stdout).toBe("");
  }, 120_000);

  it("runs every block as written, and its events arrive in the app", async () => {
    for (const [i, doc] of docs(url).entries()) {
      const before = await storedEvents();
      const unpricedBefore = await notComputed();
      const file = path.join(app, `run-${i}.mts`);
      writeFileSync(file, doc.code);
      const { stdout } = await run(process.execPath, [require.resolve("tsx/cli"), file], {
        cwd: app,
        env: env(),
        timeout: 60_000,
      });
      expect({ doc: doc.name, arrived: (await storedEvents()) - before }).toEqual({
        doc: doc.name,
        arrived: doc.events,
      });
      if (doc.priced)
        expect({ doc: doc.name, unpriced: (await notComputed()) - unpricedBefore }).toEqual({
          doc: doc.name,
          unpriced: 0,
        });
      // What a block says it prints (`console.log(x); // output`), it prints.
      for (const [, printed] of doc.code.matchAll(/console\.log\(.*\);\s*\/\/ (.+)$/gm))
        expect(stdout, doc.name).toContain(printed);
    }
  }, 240_000);

  it("runs the guide's curl command as written, and its event arrives", async () => {
    const before = await storedEvents();
    await run("bash", ["-c", curlSnippet(url)], { env: env() });
    expect((await storedEvents()) - before).toBe(1);
  });

  it("runs the root README's Python block as written with the Python SDK, and its event arrives", async () => {
    const [python] = codeBlocks(readFileSync(path.join(root, "README.md"), "utf8"), "python");
    expect(python).toContain("inferledger.Client(");
    const before = await storedEvents();
    const file = path.join(app, "quickstart.py");
    writeFileSync(file, python!);
    const { stdout } = await run(path.join(root, "packages/python/.venv/bin/python"), [file], {
      cwd: app,
      env: env(),
      timeout: 60_000,
    });
    expect((await storedEvents()) - before).toBe(1);
    expect(stdout).toContain("DeliveryReport(delivered=1, spooled=0, lost=0, queued=0)");
  }, 120_000);
});
