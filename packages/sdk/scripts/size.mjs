// Prints the min+gzip size of the core entry (everything `import "@inferledger/sdk"` pulls in)
// and of each wrapper entry; exits 1 when the core exceeds its 5 KB budget. The Node transport
// (node.ts) is not in the core's figure: the core loads it at run time with import(), on Node only,
// so no bundle of the core contains it; its own size is printed on its own line.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const LIMIT = 5 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

async function size(entry, external = []) {
  const out = await build({
    entryPoints: [join(root, "src", entry)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2020",
    write: false,
    external,
  });
  const code = out.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const core = await size("index.ts");
const rows = [["core (@inferledger/sdk)", core]];
for (const w of ["openai", "anthropic"])
  rows.push([`${w} wrapper (core excluded)`, await size(`${w}.ts`, ["./context.js"])]);
rows.push(["node transport + spool (Node only, run time)", await size("node.ts", ["node:*"])]);
for (const [name, s] of rows)
  console.log(`${name.padEnd(44)} ${String(s.min).padStart(6)} B min  ${String(s.gzip).padStart(5)} B min+gzip`);
const ok = core.gzip <= LIMIT;
console.log(`core budget ${LIMIT} B min+gzip: ${ok ? "OK" : "EXCEEDED"} (${core.gzip} B)`);
process.exit(ok ? 0 : 1);
