// GET /sdk/<file>: the instance serves the SDKs it was built with; `npm install <URL>` and
// `pip install <URL>` install them in a fresh folder and a fresh virtual environment.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/sdk/[file]/route";
import {
  pipInstallCommand,
  PYTHON_SDIST,
  PYTHON_SDK_VERSION,
  SDK_TARBALL,
  SDK_VERSION,
  sdkInstallCommand,
} from "@/lib/sdk/install";
import { sdkTarballPath } from "@/lib/sdk/tarball";
import { installedApp } from "@/packages/sdk/test/support/packed";

const run = promisify(execFile);
const get = (file: string) => GET(new Request(`http://localhost/sdk/${file}`), { params: Promise.resolve({ file }) });
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  // What `npm run sdk:pack` leaves in packages/sdk (the test helper packs once per source version).
  const app = await installedApp();
  copyFileSync(readFileSync(path.join(app, "ready"), "utf8"), sdkTarballPath());
  await run("bash", ["packages/python/scripts/sdist.sh"]);
  // The route handler behind a real HTTP server, for npm to download from.
  server = createServer(async (req, res) => {
    const response = await get(decodeURIComponent(req.url!.replace(/^\/sdk\//, "")));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("GET /sdk/<tarball>", () => {
  it("serves the packed SDK of this version", async () => {
    const response = await get(SDK_TARBALL);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(readFileSync(sdkTarballPath()))).toBe(true);
    const tar = gunzipSync(bytes).toString("latin1");
    expect(tar).toContain("package/package.json");
    expect(tar).toContain(`"version": "${SDK_VERSION}"`);
  });

  it("answers 404 with the error envelope for any other name", async () => {
    for (const file of ["inferledger-sdk-0.0.0.tgz", "..%2F..%2Fpackage.json", "x"]) {
      const response = await get(file);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toContain(SDK_TARBALL);
    }
  });

  it("installs with the command the guide shows, in a fresh folder, and the SDK loads", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "il-install-"));
    writeFileSync(path.join(folder, "package.json"), '{"name":"fresh-app","private":true,"type":"module"}\n');
    const [npm, install, url] = sdkInstallCommand(baseUrl).split(" ");
    expect([npm, install]).toEqual(["npm", "install"]);
    await run("npm", ["install", url!, "--no-audit", "--no-fund", "--cache", path.join(folder, ".npm-cache")], {
      cwd: folder,
    });
    const installed = JSON.parse(readFileSync(path.join(folder, "node_modules/@inferledger/sdk/package.json"), "utf8"));
    expect(installed.version).toBe(SDK_VERSION);
    expect(JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")).dependencies["@inferledger/sdk"]).toBe(
      url,
    );
    const { stdout } = await run(
      process.execPath,
      ["--input-type=module", "-e", 'import("@inferledger/sdk").then((m) => console.log(typeof m.createClient))'],
      { cwd: folder },
    );
    expect(stdout.trim()).toBe("function");
  });

  it("serves a Python source distribution that pip installs from the guide's command into a fresh virtual environment", async () => {
    const pyproject = readFileSync("packages/python/pyproject.toml", "utf8");
    const versionFile = readFileSync("packages/python/src/inferledger/_version.py", "utf8");
    expect(pyproject).toContain(`version = "${PYTHON_SDK_VERSION}"`);
    expect(versionFile).toContain(`VERSION = "${PYTHON_SDK_VERSION}"`);
    const venv = path.join(mkdtempSync(path.join(tmpdir(), "il-pip-")), "venv");
    await run("python3", ["-m", "venv", venv]);
    const [pip, install, url] = pipInstallCommand(baseUrl).split(" ");
    expect([pip, install, url]).toEqual(["pip", "install", `${baseUrl}/sdk/${PYTHON_SDIST}`]);
    await run(path.join(venv, "bin/pip"), ["install", "--quiet", "--disable-pip-version-check", url!], {
      timeout: 180_000,
    });
    const { stdout } = await run(path.join(venv, "bin/python"), [
      "-c",
      "import inferledger; print(inferledger.__version__, callable(inferledger.Client))",
    ]);
    expect(stdout.trim()).toBe(`${PYTHON_SDK_VERSION} True`);
  }, 240_000);
});
