import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/** Browser tests: one app server for the run (started by the global setup), files one at a time. */
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
    // A page updates after a request and a refetch: on a busy 2-core machine that can take
    // longer than expect.poll's default second.
    expect: { poll: { timeout: 15_000 } },
  },
});
