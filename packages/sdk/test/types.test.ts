// The SDK's types against the real provider packages, as an app compiles them (tsc --strict,
// module nodenext), from the packed package, ESM and CJS.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { appWithProviders } from "./support/packed.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
let project: string;

beforeAll(async () => {
  project = await appWithProviders("types-consumer");
  const source = readFileSync(join(here, "types", "consumer.ts"), "utf8");
  writeFileSync(join(project, "consumer.mts"), source);
  writeFileSync(join(project, "consumer.cts"), source);
  const compilerOptions = {
    noEmit: true,
    strict: true,
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    lib: ["es2022", "dom"],
    skipLibCheck: false,
    types: ["node"],
  };
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions, files: ["consumer.mts", "consumer.cts"] }),
  );
});

describe("types against the provider packages", () => {
  it("compile under tsc --strict (nodenext, ESM and CJS): real usage types, typed per-call option", async () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "."], { cwd: project }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe("");
  }, 120_000);
});
