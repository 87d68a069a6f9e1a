/**
 * Next.js start-up hook: the in-app scheduler runs in the Node.js server process only (not the
 * edge runtime, not the build), and not when DISABLE_SCHEDULER=1 (tests, or an external cron).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  const env = getEnv();
  if (env.DISABLE_SCHEDULER === "1" || !env.DATABASE_URL) return;
  const { startScheduler } = await import("@/lib/scheduler");
  startScheduler();
}
