import { readFile } from "node:fs/promises";
import path from "node:path";
import { SDK_TARBALL } from "./install";

/** Where `npm run sdk:pack` (part of `npm run build`) leaves the tarball. */
export function sdkTarballPath(root = process.cwd()): string {
  return path.join(root, "packages", "sdk", SDK_TARBALL);
}

/** The packed SDK, or undefined when it has not been built. */
export async function readSdkTarball(root?: string): Promise<Buffer | undefined> {
  try {
    return await readFile(sdkTarballPath(root));
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
}
