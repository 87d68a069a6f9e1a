import { spawnSync } from "node:child_process";

/**
 * The Node.js flags the production server runs with, and the in-process benchmarks too, so that
 * they time what the server does.
 *
 * A young generation of 64 MB semi-spaces (V8's default is 16 MB): a 90-day margins report for
 * 2,000 customers allocates about 90 MB, most of it alive until the answer is sent, so with the
 * default V8 scavenged about 7 times per report and copied the live part each time (73 ms of GC
 * per report, 39 ms with 64 MB; bench:margins, 10M events). It costs up to 3 × 64 MB more memory
 * when the server is busiest.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"] as const;

/**
 * `env` with the server's flags in NODE_OPTIONS, ahead of any the user set there (V8 takes the
 * last value of a flag, so theirs win). NODE_OPTIONS, not argv: `tsx` runs the script in a child
 * process, which inherits the environment.
 */
export function withServerFlags<Env extends Record<string, string | undefined>>(
  env: Env,
): Env & { NODE_OPTIONS: string } {
  return { ...env, NODE_OPTIONS: [...SERVER_NODE_FLAGS, env.NODE_OPTIONS ?? ""].join(" ").trim() };
}

/** Runs this script again with the server's flags unless it already has them (for benchmarks). */
export function rerunWithServerFlags(): void {
  if (SERVER_NODE_FLAGS.every((flag) => (process.env.NODE_OPTIONS ?? "").includes(flag))) return;
  const { status, signal } = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: withServerFlags(process.env),
    stdio: "inherit",
  });
  process.exit(status ?? (signal ? 1 : 0));
}
