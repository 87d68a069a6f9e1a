import { isKeyScope, type KeyScope } from "@/lib/auth/api-keys";
import { createApiKey } from "@/lib/auth/key-store";
import { getDb } from "@/lib/db/client";
import { fail, type CliCommand } from "./types";

export const keysCreate: CliCommand = {
  name: "keys create",
  usage: "keys create --project <slug> --scopes ingest,read,admin [--org <slug>] [--name <name>]",
  summary: "create an API key and print it once",
  options: {
    project: { type: "string" },
    scopes: { type: "string" },
    org: { type: "string" },
    name: { type: "string" },
  },
  async run(values, context) {
    const projectSlug = values.project;
    if (typeof projectSlug !== "string") return fail("--project: required");
    const scopes = String(values.scopes ?? "")
      .split(",")
      .map((scope) => scope.trim())
      .filter(Boolean);
    if (scopes.length === 0) return fail("--scopes: required, a comma-separated list of ingest, read, admin");
    const unknown = scopes.filter((scope) => !isKeyScope(scope));
    if (unknown.length) return fail(`--scopes: unknown scope(s) ${unknown.join(", ")} (use ingest, read, admin)`);
    const { prisma } = getDb();
    const projects = await prisma.project.findMany({
      where: { slug: projectSlug, ...(typeof values.org === "string" ? { org: { slug: values.org } } : {}) },
      include: { org: true },
    });
    if (projects.length === 0) return fail(`--project: no project with slug "${projectSlug}"`);
    if (projects.length > 1) {
      return fail(
        `--project: "${projectSlug}" exists in several organisations (${projects.map((p) => p.org.slug).join(", ")}); add --org`,
      );
    }
    const project = projects[0]!;
    const created = await createApiKey(prisma, {
      orgId: project.orgId,
      projectId: project.id,
      name: typeof values.name === "string" ? values.name : "CLI key",
      scopes: scopes as KeyScope[],
      createdBy: null,
    });
    context.out(
      `Created key ${created.prefix} for ${project.org.slug}/${project.slug} with scopes ${scopes.join(", ")}.`,
    );
    context.out("Store it now; it is not shown again:");
    context.out(created.key);
    return 0;
  },
};
