// Builds dist/esm (ESM) and dist/cjs (CommonJS), each with its .d.ts files, from src/.
// One file per module, not bundled: the wrappers share the core's modules within a format.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const entryPoints = readdirSync(join(root, "src"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join(root, "src", f));

rmSync(dist, { recursive: true, force: true });
// The Node-only modules are built for platform "node": their CJS form then names its exports in a
// way Node's import() of CommonJS can see (the core loads node.js with import() in both formats).
const nodeOnly = new Set(["node.ts", "spool.ts"].map((f) => join(root, "src", f)));
for (const format of ["esm", "cjs"]) {
  for (const platform of ["neutral", "node"]) {
    const entries = entryPoints.filter((e) => nodeOnly.has(e) === (platform === "node"));
    await build({
      entryPoints: entries,
      outdir: join(dist, format),
      format,
      platform,
      target: "es2020",
      logLevel: "warning",
    });
  }
}
writeFileSync(join(dist, "cjs", "package.json"), '{"type":"commonjs"}\n');

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
for (const format of ["esm", "cjs"]) cpSync(join(dist, "types"), join(dist, format), { recursive: true });
rmSync(join(dist, "types"), { recursive: true });
mkdirSync(dist, { recursive: true });
console.log("built", join(dist));
