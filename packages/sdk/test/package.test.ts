import { execFile } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { installedApp } from "./support/packed.js";
import { startSink } from "./support/sink.js";

const run = promisify(execFile);
let app: string;
const pkgDir = () => join(app, "node_modules/@inferledger/sdk");
beforeAll(async () => {
  app = await installedApp();
});

describe("the packed package", () => {
  it("has no runtime dependencies and ships ESM, CJS and types for every entry", () => {
    const pkg = JSON.parse(readFileSync(join(pkgDir(), "package.json"), "utf8"));
    expect(pkg.dependencies).toBeUndefined();
    for (const format of ["esm", "cjs"]) {
      for (const entry of ["index", "openai", "anthropic", "node", "budgets"]) {
        expect(existsSync(join(pkgDir(), "dist", format, `${entry}.js`))).toBe(true);
        expect(existsSync(join(pkgDir(), "dist", format, `${entry}.d.ts`))).toBe(true);
      }
    }
    expect(existsSync(join(pkgDir(), "src"))).toBe(false);
  });

  it("passes npm publish --dry-run with its license, readme, every entry's code and types, and nothing else", async () => {
    const { stdout } = await run("npm", ["publish", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir() });
    const report = JSON.parse(stdout.slice(stdout.indexOf("{")))["@inferledger/sdk"]; // npm 11: keyed by package name
    const files: string[] = report.files.map((f: { path: string }) => f.path);
    expect(report).toMatchObject({
      name: "@inferledger/sdk",
      version: JSON.parse(readFileSync(join(pkgDir(), "package.json"), "utf8")).version,
    });
    expect(files).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "dist/esm/index.js",
        "dist/esm/index.d.ts",
        "dist/cjs/index.js",
        "dist/cjs/index.d.ts",
        "dist/cjs/package.json",
      ]),
    );
    expect(files.every((f) => ["LICENSE", "README.md", "package.json"].includes(f) || f.startsWith("dist/"))).toBe(
      true,
    );
    const pkg = JSON.parse(readFileSync(join(pkgDir(), "package.json"), "utf8"));
    expect(pkg).toMatchObject({ license: "MIT", publishConfig: { access: "public" } });
    for (const target of Object.values(pkg.exports) as Array<string | Record<string, Record<string, string>>>) {
      if (typeof target === "string") continue;
      for (const condition of Object.values(target))
        for (const file of Object.values(condition)) expect(files).toContain(file.replace(/^\.\//, ""));
    }
  });

  it("loads by name with require() and import in a plain Node app", async () => {
    const cjs = `const a = require("@inferledger/sdk"), b = require("@inferledger/sdk/openai"), c = require("@inferledger/sdk/anthropic"), d = require("@inferledger/sdk/budgets");
console.log([typeof a.createClient, typeof a.withContext, typeof b.wrapOpenAI, typeof c.wrapAnthropic, typeof d.checkBudgets].join(","));`;
    const esm = `import { createClient, withContext } from "@inferledger/sdk"; import { wrapOpenAI } from "@inferledger/sdk/openai"; import { wrapAnthropic } from "@inferledger/sdk/anthropic"; import { checkBudgets } from "@inferledger/sdk/budgets";
console.log([typeof createClient, typeof withContext, typeof wrapOpenAI, typeof wrapAnthropic, typeof checkBudgets].join(","));`;
    writeFileSync(join(app, "load.cjs"), cjs);
    writeFileSync(join(app, "load.mjs"), esm);
    for (const f of ["load.cjs", "load.mjs"]) {
      const { stdout } = await run(process.execPath, [f], { cwd: app });
      expect(stdout.trim()).toBe("function,function,function,function,function");
    }
  });

  it("type-checks a consumer under node16 resolution, ESM and CJS, without DOM or Node types", async () => {
    const body = `const c = createClient({ apiKey: "k", endpoint: "http://x", flushAt: 10, maxInFlight: 2, spool: false });
c.track({ provider: "openai", model: "m", tokens: { input: 1, cacheRead: 2 }, customer: "acme" });
c.outcome({ outcome: "resolved", customer: "acme", value: "0.99" });
const n: number = c.stats().lost;
withContext({ customer: "acme" }, () => n);
const w: { chat: { n: number } } = wrapOpenAI({ chat: { n } }, { client: c });
wrapAnthropic(w, { client: c, feature: "f" });
// @ts-expect-error unknown option
createClient({ apiKey: "k", endpoint: "e", flushEvery: 1 });
`;
    writeFileSync(
      join(app, "consumer.mts"),
      `import { createClient, withContext } from "@inferledger/sdk";\nimport { wrapOpenAI } from "@inferledger/sdk/openai";\nimport { wrapAnthropic } from "@inferledger/sdk/anthropic";\n${body}`,
    );
    writeFileSync(
      join(app, "consumer.cts"),
      `import { createClient, withContext } from "@inferledger/sdk";\nimport { wrapOpenAI } from "@inferledger/sdk/openai";\nimport { wrapAnthropic } from "@inferledger/sdk/anthropic";\n${body}`,
    );
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const compilerOptions = {
      noEmit: true,
      strict: true,
      module: "node16",
      moduleResolution: "node16",
      target: "es2022",
      lib: ["es2022"],
      types: [],
    };
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions, files: ["consumer.mts", "consumer.cts"] }),
    );
    const res = await run(process.execPath, [tsc, "-p", "."], { cwd: app }).catch((e) => e);
    expect(res.stdout ?? "").toBe("");
  });

  it("sends through node:http from the CJS and the ESM build, and falls back to fetch when it cannot load", async () => {
    const sink = await startSink();
    const script = (load: string) => `${load}
const c = createClient({ apiKey: "k", endpoint: process.env.SINK, onError: (e) => console.log(e.message) });
c.track({ provider: "openai", model: "m" });
c.shutdown().then(() => console.log(JSON.stringify(c.stats())));`;
    writeFileSync(join(app, "send.cjs"), script('const { createClient } = require("@inferledger/sdk");'));
    writeFileSync(join(app, "send.mjs"), script('import { createClient } from "@inferledger/sdk";'));
    // A bundle that left node.js behind: the import fails and fetch is used.
    const copy = join(app, "nofile");
    rmSync(copy, { recursive: true, force: true });
    cpSync(join(pkgDir(), "dist", "esm"), copy, { recursive: true });
    rmSync(join(copy, "node.js"));
    writeFileSync(join(app, "send-fallback.mjs"), script('import { createClient } from "./nofile/index.js";'));
    for (const f of ["send.cjs", "send.mjs", "send-fallback.mjs"]) {
      const { stdout } = await run(process.execPath, [f], {
        cwd: app,
        env: { ...process.env, SINK: sink.url },
        timeout: 20_000,
      });
      expect(JSON.parse(stdout.trim())).toMatchObject({ delivered: 1, lost: 0 });
    }
    expect(sink.requests.map((r) => r.headers["user-agent"] === "@inferledger/sdk (node:http)")).toEqual([
      true,
      true,
      false,
    ]);
    await sink.close();
  });

  it("warns once, where no AsyncLocalStorage exists, that withContext holds only for synchronous code", async () => {
    writeFileSync(
      join(app, "no-als.mjs"),
      `const warnings = [];
console.warn = (m) => warnings.push(String(m));
// A runtime without process and without a global AsyncLocalStorage (a browser, a bare worker).
Object.defineProperty(globalThis, "process", { value: undefined, configurable: true });
const { withContext, currentContext } = await import("@inferledger/sdk");
const inside = withContext({ customer: "acme" }, () => currentContext()?.customer);
withContext({ customer: "again" }, () => {});
console.log(JSON.stringify({ inside, warnings }));`,
    );
    const { stdout } = await run(process.execPath, ["no-als.mjs"], { cwd: app });
    const { inside, warnings } = JSON.parse(stdout);
    expect(inside).toBe("acme");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("no AsyncLocalStorage");
  });

  it("never keeps the process alive, and delivers what a script queued before it exits (beforeExit)", async () => {
    const sink = await startSink();
    writeFileSync(
      join(app, "exit.mjs"),
      `import { createClient } from "@inferledger/sdk";
const c = createClient({ apiKey: "k", endpoint: process.env.SINK, spool: false });
c.track({ provider: "openai", model: "m" });
console.log("returned");`,
    );
    const { stdout } = await run(process.execPath, ["exit.mjs"], {
      cwd: app,
      env: { ...process.env, SINK: sink.url },
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe("returned");
    expect(sink.accepted.map((e) => e.model)).toEqual(["m"]);
    await sink.close();
  });
});
