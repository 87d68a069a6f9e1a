import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that take minutes. Vitest orders a run by the durations it cached last time; a clean
 * clone has none and orders by file size, which started the API fuzz (~4 min on PGlite) midway
 * and left it running alone at the end. Started first, the other files share the other worker.
 */
const LONG_FILES = ["test/fuzz/fuzz.test.ts"];

class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const isLong = (file: TestSpecification) => LONG_FILES.some((long) => file.moduleId.endsWith(long));
    return (await super.sort(files)).sort((a, b) => Number(isLong(b)) - Number(isLong(a)));
  }
}

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    exclude: ["test/browser/**", "**/node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default (cores − 1) is one worker on a 2-core machine: the files then run one after
    // another while much of each file's time is spent waiting on its database server.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    sequence: { sequencer: LongFilesFirst },
  },
});
