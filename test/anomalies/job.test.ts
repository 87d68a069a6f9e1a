import { describe, expect, it } from "vitest";
import { detectDueProjects, detectProject, listAnomalies, setAnomalyStatus } from "@/lib/anomalies/db";
import { useTestDatabase } from "../support/database";
import { ingestPlanted, LAST_DAY, NOW, PLANTED } from "./planted";

const db = useTestDatabase();

async function tenant(name: string) {
  const org = await db.prisma.organization.create({ data: { name, slug: `${name}-${Date.now()}`, timezone: "UTC" } });
  const project = await db.prisma.project.create({ data: { orgId: org.id, name: "Main", slug: "main" } });
  return { orgId: org.id, projectId: project.id };
}

describe(`the detection job on ingested data (${db.backend ?? "db"})`, () => {
  it("finds the planted anomalies, ranks their root causes, and a second run changes nothing", async () => {
    const { projectId } = await tenant("planted");
    const count = await ingestPlanted(db.pool, projectId);
    const first = await detectProject(db.pool, projectId, { now: NOW, trigger: "cli" });
    expect(first).not.toBeNull();
    expect(first!.day).toBe(LAST_DAY);
    const stored = await listAnomalies(db.pool, projectId);
    console.log(`\n${count} events ingested; ${first!.seriesCount} series watched; ${stored.length} anomalies stored:`);
    for (const a of [...stored].reverse())
      console.log(
        `  ${a.day} ${a.severity.padEnd(8)} ${a.kind.padEnd(11)} ${a.seriesId.padEnd(40)} ${a.dollarImpact ?? "-"}  ${a.description}`,
      );

    const at = (seriesId: string, day: string) => stored.find((a) => a.seriesId === seriesId && a.day === day);
    const spike = at(`cost|customer=${PLANTED.spike.customer}`, PLANTED.spike.day);
    expect(spike?.kind).toBe("spike");
    expect(spike?.direction).toBe("up");
    expect(Number(spike?.dollarImpact)).toBeGreaterThan(10);
    expect(spike?.rootCauses[0]).toMatchObject({ dimension: "feature", value: PLANTED.spike.feature });
    expect(at(`cost|feature=${PLANTED.spike.feature}`, PLANTED.spike.day)?.rootCauses[0]).toMatchObject({
      dimension: "customer",
      value: PLANTED.spike.customer,
    });

    const shift = at(`cost|customer=${PLANTED.shift.customer}`, PLANTED.shift.day);
    expect(shift?.kind).toBe("level_shift");
    expect(shift?.rootCauses[0]).toMatchObject({ dimension: "feature", value: PLANTED.shift.feature });
    // A level shift is reported once, not on every day after it.
    expect(
      stored.filter(
        (a) =>
          a.seriesId === `cost|customer=${PLANTED.shift.customer}` && a.day > PLANTED.shift.day && a.kind !== "drift",
      ),
    ).toEqual([]);

    expect(at(`tokens_per_request|feature=${PLANTED.bloat.feature}`, PLANTED.bloat.day)?.kind).toBe("spike");
    expect(at(`cost|feature=${PLANTED.bloat.feature}`, PLANTED.bloat.day)?.kind).toBe("spike");

    // Idempotent: a second run over the same data creates and updates nothing and keeps statuses.
    await setAnomalyStatus(db.pool, projectId, spike!.id, "acknowledged", null);
    const second = await detectProject(db.pool, projectId, { now: NOW, trigger: "manual" });
    expect(second).toMatchObject({ created: 0, updated: 0, removed: 0 });
    const again = await listAnomalies(db.pool, projectId);
    expect(again.map((a) => a.id).sort()).toEqual(stored.map((a) => a.id).sort());
    expect(again.find((a) => a.id === spike!.id)?.status).toBe("acknowledged");
  });

  it("runs a scheduled day once, even when two schedulers fire at once", async () => {
    const { projectId } = await tenant("twice");
    await ingestPlanted(db.pool, projectId);
    const [a, b] = await Promise.all([detectDueProjects(db.pool, NOW), detectDueProjects(db.pool, NOW)]);
    const runs = [...a, ...b].filter((s) => s.projectId === projectId);
    expect(runs).toHaveLength(1);
    expect(await detectDueProjects(db.pool, NOW)).toEqual([]);
    const { rows } = await db.pool.query("SELECT status, trigger FROM detection_runs WHERE project_id = $1", [
      projectId,
    ]);
    expect(rows).toEqual([{ status: "succeeded", trigger: "schedule" }]);
  });
});
