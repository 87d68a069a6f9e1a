import { getDb } from "@/lib/db/client";
import { ensureDemoAccount } from "@/lib/demo/account";
import { seedDemoProject } from "@/lib/demo/seed-project";
import { DEMO_DAYS, DEMO_EVENTS_PER_DAY, progressBar } from "@/lib/demo/seed-usage";
import { fail, type CliCommand } from "./types";

/** Loads the deterministic demo usage into a project through the ingestion path. Re-running adds nothing. */
export const seedCommand: CliCommand = {
  name: "seed",
  usage: "seed [--project <slug>] [--org <slug>] [--days 90] [--events-per-day 400]",
  summary: "load ~90 days of demo usage (the demo project by default; creates the demo on an empty database)",
  options: {
    project: { type: "string" },
    org: { type: "string" },
    days: { type: "string" },
    "events-per-day": { type: "string" },
  },
  async run(values, context) {
    const days = values.days === undefined ? DEMO_DAYS : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 365) return fail("--days: a whole number from 1 to 365");
    const perDay = values["events-per-day"] === undefined ? DEMO_EVENTS_PER_DAY : Number(values["events-per-day"]);
    if (!Number.isInteger(perDay) || perDay < 1 || perDay > 1_000_000)
      return fail("--events-per-day: a whole number from 1 to 1000000");

    const { prisma, pool } = getDb();
    await ensureDemoAccount();
    const projects = await prisma.project.findMany({
      where: {
        ...(typeof values.project === "string" ? { slug: values.project } : {}),
        org:
          typeof values.org === "string" ? { slug: values.org } : values.project === undefined ? { isDemo: true } : {},
      },
      include: { org: true },
    });
    if (projects.length === 0) {
      return fail(
        values.project === undefined
          ? "--project: required (this database has no demo organisation)"
          : `--project: no project with slug "${values.project}"`,
      );
    }
    if (projects.length > 1)
      return fail(
        `--project: matches several projects (${projects.map((p) => `${p.org.slug}/${p.slug}`).join(", ")}); add --org`,
      );
    const project = projects[0]!;

    context.out(`Seeding ${days} days of demo usage into ${project.org.slug}/${project.slug}...`);
    const result = await seedDemoProject(pool, project.id, {
      days,
      eventsPerDay: perDay,
      onProgress: progressBar("demo usage"),
    });
    context.out(
      `Loaded ${result.accepted.toLocaleString("en-US")} events (${result.duplicates.toLocaleString("en-US")} already there) in ${result.seconds.toFixed(1)} s` +
        (result.seconds > 0
          ? ` (${Math.round(result.accepted / result.seconds).toLocaleString("en-US")} events/s)`
          : "") +
        `; ${result.anomalies} anomalies detected.`,
    );
    return result.rejected > 0 ? fail(`${result.rejected} demo events were rejected`) : 0;
  },
};
