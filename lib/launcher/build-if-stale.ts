import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Builds the app unless the last build is newer than every file that goes into it, so that
 * `npm install` (which builds once) followed by `npm start` serves within seconds, and a
 * changed checkout is rebuilt before it is served.
 */
const BUILD_ID = ".next/BUILD_ID";
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "prisma/schema.prisma",
  "packages/sdk/src",
  "packages/sdk/package.json",
  "packages/python/src",
  "packages/python/pyproject.toml",
];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function newestMtime(entry: string): number {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (!SKIP.has(name)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(BUILD_ID).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(...SOURCES.map(newestMtime));
if (builtAt() > sources) {
  console.log("[inferledger] the build is up to date");
} else {
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
