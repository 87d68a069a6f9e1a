import { describe, expect, it } from "vitest";
import { detectProject } from "@/lib/anomalies/db";
import { demoPlantedAnomalies, generateDemoEvents } from "@/lib/demo/generate";
import { ingestBatch } from "@/lib/ingest/ingest";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();
const NOW = Date.parse("2026-11-25T12:00:00Z");
const usd = (femto: bigint | null) =>
  femto === null ? "-" : `${femto < 0n ? "-" : "+"}$${(Math.abs(Number(femto)) / 1e15).toFixed(2)}`;

describe("detection on the demo data (lib/demo/generate.ts through ingestion)", () => {
  it(
    "finds the planted spike, prompt growth and model switch at the default settings",
    { timeout: 400_000 },
    async () => {
      const org = await db.prisma.organization.create({
        data: { name: "Demo", slug: `demo-${Date.now()}`, timezone: "UTC" },
      });
      const project = await db.prisma.project.create({ data: { orgId: org.id, name: "Demo", slug: "demo" } });
      let events = 0;
      for (const batch of generateDemoEvents({ days: 90, eventsPerDay: 400, now: NOW })) {
        const result = await ingestBatch(db.pool, project.id, batch, NOW);
        expect(result.rejected).toBe(0);
        events += result.accepted;
      }
      const { rows: spend } = await db.pool.query<{ total: string; last_week: string }>(
        `SELECT sum(cost_total)::text AS total,
              (sum(cost_total) FILTER (WHERE day BETWEEN $2::date - 7 AND $2::date - 1))::text AS last_week
         FROM usage_daily WHERE project_id = $1`,
        [project.id, "2026-11-25"],
      );
      const summary = await detectProject(db.pool, project.id, { now: new Date(NOW), trigger: "cli" });
      expect(summary).not.toBeNull();
      const found = summary!.anomalies;
      console.log(
        `\ndemo: ${events} events, spend $${Number(spend[0]!.total).toFixed(2)} in 90 days ($${Number(spend[0]!.last_week).toFixed(2)} in the last 7 days); ` +
          `${summary!.seriesCount} series, ${summary!.found} anomalies:`,
      );
      for (const { seriesId, anomaly: a, rootCauses } of found) {
        const causes = rootCauses
          .slice(0, 2)
          .map((c) => `${c.dimension}=${c.value}`)
          .join(", ");
        console.log(
          `  ${a.day} ${a.severity.padEnd(8)} ${a.kind.padEnd(11)} ${seriesId.padEnd(44)} ${usd(a.dollarImpact).padStart(8)}  ${causes}`,
        );
      }

      const planted = demoPlantedAnomalies(NOW);
      const near = (day: string, target: string, slack: number) =>
        Math.abs(Date.parse(day) - Date.parse(target)) <= slack * 86_400_000;

      // 1. The runaway agent: a spike on the customer's cost series on its day, explained by the agent feature.
      const spike = found.find(
        (f) => f.seriesId === `cost|customer=${planted.spike.customer}` && f.anomaly.day === planted.spike.day,
      );
      expect(spike?.anomaly.kind).toBe("spike");
      expect(spike!.rootCauses.find((c) => c.dimension === "feature")?.value).toBe(planted.spike.feature);

      // 2. Summarize's prompt growth: a level shift on the feature's cost or tokens per request, within a few days of its start.
      const shift = found.find(
        (f) =>
          (f.seriesId === `cost|feature=${planted.promptGrowth.feature}` ||
            f.seriesId === `tokens_per_request|feature=${planted.promptGrowth.feature}`) &&
          f.anomaly.kind === "level_shift" &&
          f.anomaly.direction === "up" &&
          near(f.anomaly.day, planted.promptGrowth.day, 3),
      );
      expect(shift).toBeDefined();

      // 3. The model switch: claude-opus-4-1's cost falls to a new level on the day code-review moved.
      const opus = found.find(
        (f) => f.seriesId === `cost|model=${planted.modelSwitch.from}` && f.anomaly.kind === "level_shift",
      );
      expect(opus && near(opus.anomaly.day, planted.modelSwitch.day, 3)).toBe(true);
      expect(opus!.anomaly.direction).toBe("down");

      console.log(
        `planted: spike ${planted.spike.customer} on ${planted.spike.day} -> ${spike!.anomaly.day} ${usd(spike!.anomaly.dollarImpact)}; ` +
          `prompt growth ${planted.promptGrowth.day} -> ${shift!.seriesId} ${shift!.anomaly.day} ${usd(shift!.anomaly.dollarImpact)}/day; ` +
          `model switch ${planted.modelSwitch.day} -> ${opus!.anomaly.day} ${usd(opus!.anomaly.dollarImpact)}/day`,
      );
    },
  );
});
