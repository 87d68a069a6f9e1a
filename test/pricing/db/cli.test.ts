import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createOverride } from "@/lib/pricing/db";
import { useTestDatabase as setUpTestDatabase } from "../../support/database";
import { createTenant, postEvents, usageEvent } from "../../ingest/support";
import { at, dayOf, eventCosts } from "./support";

const run = promisify(execFile);
const db = setUpTestDatabase();

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "lib/cli/main.ts", ...args], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("prices and reprice commands", () => {
  it("prints the catalog's version, size, providers, and a project's overrides", async () => {
    const tenant = await createTenant(db);
    const slug = (await db.prisma.organization.findUniqueOrThrow({ where: { id: tenant.orgId } })).slug;
    await createOverride(
      db.pool,
      tenant.projectId,
      {
        provider: "openai",
        model: "gpt-4o",
        effective_from: new Date("2020-01-01T00:00:00Z"),
        usd_per_mtok: { input: "1" },
      },
      null,
    );
    const stats = await cli("prices", "stats", "--project", "main", "--org", slug);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/^Price book \d{4}-\d{2}-\d{2}\.[0-9a-f]+ \(source snapshot/m);
    expect(stats.stdout).toMatch(/Entries: 2,\d{3} across \d+ providers/);
    expect(stats.stdout).toMatch(/^\s+anthropic\s+\d+$/m);
    expect(stats.stdout).toContain(`Project ${slug}/main: 1 overrides, 0 model aliases, 0 GPU rates, 0 GPU pools`);
  });

  it("previews with --dry-run without changing anything, then runs; bad options are named", async () => {
    const tenant = await createTenant(db);
    const slug = (await db.prisma.organization.findUniqueOrThrow({ where: { id: tenant.orgId } })).slug;
    await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({ occurred_at: at(1), provider: "acme-ai", model: "acme-llm", tokens: { input: 1_000_000 } }),
      ],
    });
    await createOverride(
      db.pool,
      tenant.projectId,
      {
        provider: "acme-ai",
        model: "acme-llm",
        effective_from: new Date("2020-01-01T00:00:00Z"),
        usd_per_mtok: { input: "0.25" },
      },
      null,
    );
    const args = [
      "reprice",
      "--project",
      "main",
      "--org",
      slug,
      "--from",
      dayOf(2),
      "--to",
      dayOf(0),
      "--model",
      "acme-llm",
    ];

    const dry = await cli(...args, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would change: 1; unpriced: 1 -> 0");
    expect(dry.stdout).toContain("Total: $0.00 -> $0.25");
    expect(dry.stdout).toContain("Dry run: nothing was changed.");
    expect((await eventCosts(db, tenant.projectId))[0]!.cost_source).toBe("unpriced");

    const real = await cli(...args);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Run [0-9a-f-]{36}: 1 events changed\./);
    expect((await eventCosts(db, tenant.projectId))[0]).toMatchObject({
      cost_source: "computed",
      cost_total: "0.250000000000000",
    });

    const bad = await cli("reprice", "--project", "main", "--org", slug, "--from", "2026-13-01", "--to", dayOf(0));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--from:");
    const missing = await cli("reprice", "--project", "main", "--org", slug, "--from", dayOf(1));
    expect(missing.stderr).toContain("--to: required");
  });
});
