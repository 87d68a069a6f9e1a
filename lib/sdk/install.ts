/**
 * Until the SDKs are published (npm `@inferledger/sdk`, PyPI `inferledger`), every instance serves
 * the ones it was built with, and the install commands point at that instance (see
 * app/sdk/[file]/route.ts).
 */
import sdkPackage from "@/packages/sdk/package.json";

export const SDK_VERSION: string = sdkPackage.version;

/** What `npm pack` names the tarball of packages/sdk. */
export const SDK_TARBALL = `inferledger-sdk-${SDK_VERSION}.tgz`;

/** `npm install <base URL>/sdk/inferledger-sdk-<version>.tgz` for an instance at baseUrl (no trailing slash). */
export function sdkInstallCommand(baseUrl: string): string {
  return `npm install ${baseUrl}/sdk/${SDK_TARBALL}`;
}

/** The Python SDK's version: packages/python/pyproject.toml and _version.py say the same (tested). */
export const PYTHON_SDK_VERSION = "0.1.0";

/** What packages/python/scripts/sdist.sh names the Python SDK's source distribution. */
export const PYTHON_SDIST = `inferledger-${PYTHON_SDK_VERSION}.tar.gz`;

/** `pip install <base URL>/sdk/inferledger-<version>.tar.gz` for an instance at baseUrl. */
export function pipInstallCommand(baseUrl: string): string {
  return `pip install ${baseUrl}/sdk/${PYTHON_SDIST}`;
}

/** The files GET /sdk/<file> serves, and where `npm run sdk:pack` leaves each (from the repository root). */
export const SDK_FILES: ReadonlyMap<string, string> = new Map([
  [SDK_TARBALL, `packages/sdk/${SDK_TARBALL}`],
  [PYTHON_SDIST, `packages/python/dist/${PYTHON_SDIST}`],
]);
