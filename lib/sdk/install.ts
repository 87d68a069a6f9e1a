/**
 * Until @inferledger/sdk is published, every instance serves the SDK it was built with, and the
 * install command points at that instance (see app/sdk/[file]/route.ts).
 */
import sdkPackage from "@/packages/sdk/package.json";

export const SDK_VERSION: string = sdkPackage.version;

/** What `npm pack` names the tarball of packages/sdk. */
export const SDK_TARBALL = `inferledger-sdk-${SDK_VERSION}.tgz`;

/** `npm install <base URL>/sdk/inferledger-sdk-<version>.tgz` for an instance at baseUrl (no trailing slash). */
export function sdkInstallCommand(baseUrl: string): string {
  return `npm install ${baseUrl}/sdk/${SDK_TARBALL}`;
}
