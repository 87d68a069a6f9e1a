import { getDb } from "@/lib/db/client";
import { sendDigests } from "@/lib/digest/jobs/send";
import { parseWeekKey } from "@/lib/calendar/week";
import { fail, type CliCommand } from "./types";

export const digestSend: CliCommand = {
  name: "digest send",
  usage: "digest send [--week 2026-W47] [--org <slug>] [--dry-run]",
  summary: "send the weekly digests that are due (or one week to every subscriber); never twice per member and week",
  options: { week: { type: "string" }, org: { type: "string" }, "dry-run": { type: "boolean" } },
  async run(values, context) {
    const week = typeof values.week === "string" ? values.week : undefined;
    if (week) {
      try {
        parseWeekKey(week);
      } catch (error) {
        return fail(`--week: ${(error as Error).message}`);
      }
    }
    const { pool, prisma } = getDb();
    let orgId: string | undefined;
    if (typeof values.org === "string") {
      const org = await prisma.organization.findUnique({ where: { slug: values.org } });
      if (!org) return fail(`--org: no organisation with slug "${values.org}"`);
      orgId = org.id;
    }
    const outcomes = await sendDigests(pool, { weekKey: week, orgId, dryRun: values["dry-run"] === true });
    for (const o of outcomes)
      context.out(
        `${o.status.padEnd(8)} ${o.weekKey} ${o.to}${o.subject ? `  ${o.subject}` : ""}${o.error ? `  (${o.error})` : ""}`,
      );
    if (outcomes.length === 0) context.out("nothing due");
    return outcomes.some((o) => o.status === "failed") ? 1 : 0;
  },
};
