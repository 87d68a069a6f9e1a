import { readFile } from "node:fs/promises";
import path from "node:path";
import { SDK_FILES, SDK_TARBALL } from "./install";

/** Where `npm run sdk:pack` (part of `npm run build`) leaves one of the served SDK files. */
function sdkFilePath(file: string, root = process.cwd()): string | undefined {
  const relative = SDK_FILES.get(file);
  return relative === undefined ? undefined : path.join(root, relative);
}

/** Where the packed TypeScript SDK lies. */
export function sdkTarballPath(root = process.cwd()): string {
  return sdkFilePath(SDK_TARBALL, root)!;
}

/** A served SDK file's bytes, or undefined when it has not been built. */
export async function readSdkFile(file: string, root?: string): Promise<Buffer | undefined> {
  const filePath = sdkFilePath(file, root);
  if (filePath === undefined) return undefined;
  try {
    return await readFile(filePath);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
}
