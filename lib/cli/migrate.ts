import { describeMigrationReport } from "@/lib/db/migrate";
import { migrateUrl } from "@/lib/db/open";
import type { CliCommand } from "./types";

export const migrateCommand: CliCommand = {
  name: "migrate",
  usage: "migrate",
  summary: "apply pending SQL migrations (idempotent)",
  options: {},
  async run(_values, context) {
    const report = await migrateUrl(context.databaseUrl);
    context.out(
      describeMigrationReport(report) ?? `up to date (${report.alreadyApplied} migration(s) applied earlier)`,
    );
    return 0;
  },
};
