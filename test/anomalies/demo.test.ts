import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/anomalies/days";
import { detectProject } from "@/lib/anomalies/db";
import { demoCustomers, generateDemoEvents } from "@/lib/demo/generate";
import { ingestBatch } from "@/lib/ingest/ingest";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();
const NOW = Date.parse("2026-11-25T12:00:00Z");
const TODAY = "2026-11-25";

describe("detection on the demo data (lib/demo/generate.ts through ingestion)", () => {
  it("finds the planted model switch as a level shift on its day", { timeout: 400_000 }, async () => {
    const org = await db.prisma.organization.create({ data: { name: "Demo", slug: `demo-${Date.now()}`, timezone: "UTC" } });
    const project = await db.prisma.project.create({ data: { orgId: org.id, name: "Demo", slug: "demo" } });
    let events = 0;
    for (const batch of generateDemoEvents({ days: 90, eventsPerDay: 400, now: NOW })) {
      const result = await ingestBatch(db.pool, project.id, batch, NOW);
      events += result.accepted;
    }
    const summary = await detectProject(db.pool, project.id, { now: new Date(NOW), trigger: "cli" });
    expect(summary).not.toBeNull();
    console.log(`\ndemo: ${events} events, ${summary!.seriesCount} series, ${summary!.found} anomalies:`);
    for (const { seriesId, anomaly: a, description } of summary!.anomalies) console.log(`  ${a.day} ${a.severity.padEnd(8)} ${a.kind.padEnd(11)} ${seriesId.padEnd(44)} ${description.slice(0, 150)}`);

    const found = summary!.anomalies;
    const near = (day: string, target: string, slack: number) => Math.abs(Date.parse(day) - Date.parse(target)) <= slack * 86_400_000;
    // The model switch (code-review from claude-opus-4-1 to claude-sonnet-4-5, 20 days ago) moves
    // about $12 a day and is found as level shifts. The demo's one-day customer spike and the
    // summarize prompt growth move less than the $5-a-day minimum impact at this demo's scale
    // (about $18 a day in all), so they are printed when found but not required.
    const opus = found.find((f) => f.seriesId === "cost|model=claude-opus-4-1" && f.anomaly.kind === "level_shift");
    expect(opus && near(opus.anomaly.day, addDays(TODAY, -20), 3)).toBe(true);
    const spikeCustomer = demoCustomers(200)[14]!.id;
    console.log(`spike customer ${spikeCustomer} on ${addDays(TODAY, -9)}: ${found.some((f) => f.seriesId.endsWith(spikeCustomer) && f.anomaly.day === addDays(TODAY, -9)) ? "found" : "below the minimum impact"}`);
  });
});
