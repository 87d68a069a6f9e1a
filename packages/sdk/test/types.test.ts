// The SDK's types against the real provider packages, as an app compiles them (tsc --strict,
// module nodenext), from the packed package, ESM and CJS.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { installedApp } from "./support/packed.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const rootModules = join(here, "..", "..", "..", "node_modules");
const PROVIDERS = ["openai", "@anthropic-ai/sdk", "ai", "@langchain/core", "@types/node"];
let project: string;

beforeAll(async () => {
  const app = await installedApp();
  project = join(app, "types-consumer");
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  mkdirSync(join(project, "node_modules", "@anthropic-ai"), { recursive: true });
  mkdirSync(join(project, "node_modules", "@langchain"), { recursive: true });
  // The app has the provider packages installed (linked from the repository's own copies) and the SDK from its tarball.
  for (const name of PROVIDERS) symlinkSync(join(rootModules, name), join(project, "node_modules", name));
  // A copy, not a link: the SDK's own imports of the provider types must resolve from this app's node_modules.
  cpSync(join(app, "node_modules", "@inferledger"), join(project, "node_modules", "@inferledger"), { recursive: true });
  const source = readFileSync(join(here, "types", "consumer.ts"), "utf8");
  writeFileSync(join(project, "consumer.mts"), source);
  writeFileSync(join(project, "consumer.cts"), source);
  writeFileSync(join(project, "package.json"), '{"name":"types-consumer","private":true}\n');
  const compilerOptions = { noEmit: true, strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"], skipLibCheck: false, types: ["node"] };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.mts", "consumer.cts"] }));
});

describe("types against the provider packages", () => {
  it("compile under tsc --strict (nodenext, ESM and CJS): real usage types, typed per-call option", async () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "."], { cwd: project }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe("");
  }, 120_000);
});
