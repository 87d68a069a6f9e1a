import { getDb } from "@/lib/db/client";
import { DEMO_CREDENTIALS, ensureDemoAccount, isDemoInstance } from "./account";
import { seedDemoProject } from "./seed-project";
import { progressBar } from "./seed-usage";

/**
 * On the embedded database, the first start creates the demo organisation, loads ~90 days of
 * demo usage through the ingestion path (with a progress bar), and every start prints its login.
 */
export async function prepareDemo(options: { embedded: boolean; log: (line: string) => void }): Promise<void> {
  if (!options.embedded) return;
  const { created, projectId } = await ensureDemoAccount();
  if (created) options.log("created the demo organisation");
  if (created && projectId) {
    options.log("loading 90 days of demo usage (first start only)...");
    const result = await seedDemoProject(getDb().pool, projectId, { onProgress: progressBar("demo usage") });
    options.log(
      `loaded ${result.accepted.toLocaleString("en-US")} demo events in ${result.seconds.toFixed(1)} s; ${result.anomalies} anomalies detected`,
    );
  }
  if (await isDemoInstance()) {
    options.log(`demo login: ${DEMO_CREDENTIALS.email} / ${DEMO_CREDENTIALS.password}`);
  }
}
