import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/auth/api-keys";
import { useTestDatabase } from "../support/database";

const run = promisify(execFile);
const db = useTestDatabase();

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

describe("the admin CLI", () => {
  it("creates a user with an organisation, then an API key printed once and stored only as a hash", async () => {
    const user = await cli(
      "users",
      "create",
      "--email",
      "Ops@Example.com",
      "--password",
      "correct horse battery",
      "--name",
      "Ops",
      "--org",
      "Example",
    );
    expect(user.code).toBe(0);
    const member = await db.prisma.user.findUniqueOrThrow({
      where: { email: "ops@example.com" },
      include: { memberships: { include: { org: true } } },
    });
    const orgSlug = member.memberships[0]!.org.slug;

    const key = await cli("keys", "create", "--project", "production", "--org", orgSlug, "--scopes", "ingest,read");
    expect(key.code).toBe(0);
    const printed = /ilk_[0-9a-f]{8}_[0-9A-Za-z]{32}/.exec(key.stdout)?.[0];
    expect(printed).toBeDefined();
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { secretHash: hashApiKey(printed!) } });
    expect(stored.scopes).toEqual(["ingest", "read"]);
    expect(JSON.stringify(stored)).not.toContain(printed!.slice(13));
  });

  it("refuses bad arguments with a message naming the option, and writes nothing", async () => {
    const before = await db.prisma.apiKey.count();
    const badScope = await cli("keys", "create", "--project", "production", "--scopes", "ingest,root");
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toContain("--scopes: unknown scope(s) root");
    const noProject = await cli("keys", "create", "--project", "nope", "--scopes", "read");
    expect(noProject.stderr).toContain('--project: no project with slug "nope"');
    const badUser = await cli(
      "users",
      "create",
      "--email",
      "not-an-email",
      "--password",
      "short",
      "--name",
      "X",
      "--org",
      "Y",
    );
    expect(badUser.code).toBe(2);
    expect(badUser.stderr).toContain("email: must be an email address");
    expect(await db.prisma.apiKey.count()).toBe(before);
  });

  it("reports migrations as up to date on a migrated database", async () => {
    const result = await cli("migrate");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/up to date/);
  });
});
