import { detectProject } from "@/lib/anomalies/db/run";
import { getDb } from "@/lib/db/client";
import { fail, type CliCommand } from "./types";

export const detectCommand: CliCommand = {
  name: "detect",
  usage: "detect [--project <slug>] [--org <slug>]",
  summary: "run anomaly detection now (every project, or one) and print what was found",
  options: { project: { type: "string" }, org: { type: "string" } },
  async run(values, context) {
    const { prisma, pool } = getDb();
    const projects = await prisma.project.findMany({
      where: {
        ...(typeof values.project === "string" ? { slug: values.project } : {}),
        ...(typeof values.org === "string" ? { org: { slug: values.org } } : {}),
      },
      include: { org: true },
      orderBy: { createdAt: "asc" },
    });
    if (projects.length === 0)
      return fail(
        typeof values.project === "string" ? `--project: no project with slug "${values.project}"` : "no projects",
      );
    for (const project of projects) {
      const summary = await detectProject(pool, project.id, { trigger: "cli" });
      if (!summary) continue;
      context.out(
        `${project.org.slug}/${project.slug}: judged ${summary.from}..${summary.day}, ${summary.seriesCount} series, ${summary.found} anomalies (${summary.created} new, ${summary.updated} updated)`,
      );
      for (const { anomaly, description } of summary.anomalies.slice(-10))
        context.out(`  [${anomaly.severity}] ${description}`);
    }
    return 0;
  },
};
