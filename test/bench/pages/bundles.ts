/**
 * npx tsx test/bench/pages/bundles.ts
 *
 * First-load JavaScript of every dashboard page in the last `npm run build`: the scripts the
 * page's HTML loads before it can hydrate (root main files, layouts and the page's own entry
 * chunks, from Next's client reference manifests), raw and gzipped. Chunks loaded later
 * (lazy charts) are not counted: they do not delay the first paint of data or hydration.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../../..");
const next = path.join(root, ".next");
const PROJECT = "o/[org]/p/[project]";
const ROUTES = [
  "overview",
  "features",
  "features/[key]",
  "customers",
  "customers/[key]",
  "models",
  "models/[key]",
  "events",
  "pricing",
  "anomalies",
  "budgets",
];

function entryFiles(route: string): string[] {
  const manifestPath = path.join(next, "server/app", PROJECT, route, "page_client-reference-manifest.js");
  const holder = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles: Record<string, string[]> }> };
  new Function("globalThis", readFileSync(manifestPath, "utf8"))(holder);
  const manifest = holder.__RSC_MANIFEST[`/${PROJECT}/${route}/page`]!;
  const page = `[project]/app/${PROJECT}/${route}/page`;
  // The page's entry plus every layout above it (the not-found and global-error entries load only on error).
  return Object.entries(manifest.entryJSFiles)
    .filter(([entry]) => entry === page || entry.endsWith("/layout"))
    .flatMap(([, files]) => files);
}

const { rootMainFiles } = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};
const sizes = new Map<string, { raw: number; gzip: number }>();
function size(file: string): { raw: number; gzip: number } {
  let known = sizes.get(file);
  if (!known) {
    const text = readFileSync(path.join(next, file));
    known = { raw: text.length, gzip: gzipSync(text).length };
    sizes.set(file, known);
  }
  return known;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
console.log(`first-load JS per page (build of ${statSync(path.join(next, "BUILD_ID")).mtime.toISOString()})`);
console.log(`${"page".padEnd(20)} ${"raw".padStart(8)} ${"gzip".padStart(8)}  chunks`);
for (const route of ROUTES) {
  const files = [...new Set([...rootMainFiles, ...entryFiles(route)])];
  const total = files.reduce((sum, file) => ({ raw: sum.raw + size(file).raw, gzip: sum.gzip + size(file).gzip }), {
    raw: 0,
    gzip: 0,
  });
  console.log(`${route.padEnd(20)} ${kb(total.raw).padStart(8)} ${kb(total.gzip).padStart(8)}  ${files.length}`);
}
const all = readdirSync(path.join(next, "static/chunks")).filter((name) => name.endsWith(".js")).length;
console.log(`(${all} chunks in the build)`);
