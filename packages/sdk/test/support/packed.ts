// Builds the SDK, packs it with `npm pack` and installs the tarball into a throwaway app folder,
// once per source version (a content hash) however many test workers ask at the same time.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function sourceHash(): string {
  const h = createHash("sha256");
  for (const dir of ["src", "scripts"]) {
    for (const f of readdirSync(join(pkgRoot, dir)).sort()) h.update(f).update(readFileSync(join(pkgRoot, dir, f)));
  }
  h.update(readFileSync(join(pkgRoot, "package.json"))).update(readFileSync(join(pkgRoot, "tsconfig.build.json")));
  return h.digest("hex").slice(0, 16);
}

async function withLock<T>(lock: string, fn: () => T): Promise<T> {
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Folder of an app with `@inferledger/sdk` installed from the packed tarball. */
export async function installedApp(): Promise<string> {
  const app = join(tmpdir(), `inferledger-sdk-app-${sourceHash()}`);
  const pkgDir = join(app, "node_modules", "@inferledger", "sdk");
  if (existsSync(join(app, "ready"))) return app;
  return withLock(`${app}.lock`, () => {
    if (existsSync(join(app, "ready"))) return app;
    rmSync(app, { recursive: true, force: true });
    mkdirSync(pkgDir, { recursive: true });
    execFileSync(process.execPath, [join(pkgRoot, "scripts", "build.mjs")], { stdio: "pipe" });
    const out = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", app], {
      cwd: pkgRoot,
      encoding: "utf8",
    });
    const tarball = join(app, out.trim().split("\n").pop()!);
    execFileSync("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]);
    writeFileSync(join(app, "package.json"), '{"name":"sdk-test-app","private":true,"type":"module"}\n');
    writeFileSync(join(app, "ready"), tarball);
    return app;
  });
}

/** Packages of the repository that an app beside the SDK may use (types and real clients). */
const PROVIDERS = ["openai", "@anthropic-ai/sdk", "ai", "@langchain/core", "@types/node"];

/**
 * A fresh app folder (name, under the installed app) with the packed SDK copied in and the
 * provider packages linked from the repository's node_modules. A copy, not a link: the SDK's own
 * references to the provider types must resolve from this app's node_modules.
 */
export async function appWithProviders(name: string): Promise<string> {
  const app = await installedApp();
  const folder = join(app, name);
  rmSync(folder, { recursive: true, force: true });
  for (const scope of ["@types", "@anthropic-ai", "@langchain"])
    mkdirSync(join(folder, "node_modules", scope), { recursive: true });
  for (const provider of PROVIDERS)
    symlinkSync(join(pkgRoot, "..", "..", "node_modules", provider), join(folder, "node_modules", provider));
  cpSync(join(app, "node_modules", "@inferledger"), join(folder, "node_modules", "@inferledger"), { recursive: true });
  writeFileSync(join(folder, "package.json"), `{"name":"${name}","private":true}\n`);
  return folder;
}

type Core = typeof import("../../src/index.js");
type OpenAIEntry = typeof import("../../src/openai.js");
type AnthropicEntry = typeof import("../../src/anthropic.js");

/** The packed ESM build, imported through the package's exports map as the app would. */
export async function loadSdk(): Promise<{ core: Core; openai: OpenAIEntry; anthropic: AnthropicEntry; app: string }> {
  const app = await installedApp();
  const pkgDir = join(app, "node_modules/@inferledger/sdk");
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const url = (sub: string): string => pathToFileURL(join(pkgDir, pkg.exports[sub].import.default)).href;
  return {
    core: await import(url(".")),
    openai: await import(url("./openai")),
    anthropic: await import(url("./anthropic")),
    app,
  };
}
