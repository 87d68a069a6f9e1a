import { getDb } from "@/lib/db/client";
import { catalogStats } from "@/lib/pricing/catalog";
import { fail, type CliCommand } from "./types";

/** The project a `--project <slug> [--org <slug>]` pair names, or the error to print. */
export async function findProject(
  values: Record<string, string | boolean | undefined>,
): Promise<{ id: string; label: string } | { error: string }> {
  const slug = values.project;
  if (typeof slug !== "string") return { error: "--project: required" };
  const projects = await getDb().prisma.project.findMany({
    where: { slug, ...(typeof values.org === "string" ? { org: { slug: values.org } } : {}) },
    include: { org: true },
  });
  if (projects.length === 0) return { error: `--project: no project with slug "${slug}"` };
  if (projects.length > 1)
    return {
      error: `--project: "${slug}" exists in several organisations (${projects.map((p) => p.org.slug).join(", ")}); add --org`,
    };
  return { id: projects[0]!.id, label: `${projects[0]!.org.slug}/${projects[0]!.slug}` };
}

export const pricesStats: CliCommand = {
  name: "prices stats",
  usage: "prices stats [--project <slug> [--org <slug>]]",
  summary: "print the price book's version, entry count, providers and aliases (and a project's overrides)",
  options: { project: { type: "string" }, org: { type: "string" } },
  async run(values, context) {
    const stats = catalogStats();
    context.out(`Price book ${stats.version} (source snapshot ${stats.sourceDate})`);
    context.out(`Entries: ${stats.entries.toLocaleString("en-US")} across ${stats.providers.length} providers`);
    context.out(`Alias patterns: ${stats.aliases.toLocaleString("en-US")}`);
    context.out("Providers (entries):");
    const width = Math.max(...stats.providers.map((p) => p.provider.length));
    for (const { provider, entries } of stats.providers)
      context.out(`  ${provider.padEnd(width)}  ${String(entries).padStart(5)}`);
    if (values.project === undefined) return 0;
    const project = await findProject(values);
    if ("error" in project) return fail(project.error);
    const { rows } = await getDb().pool.query<{ overrides: number; aliases: number; rates: number; pools: number }>(
      `SELECT (SELECT count(*) FROM price_overrides WHERE project_id = $1)::int AS overrides,
              (SELECT count(*) FROM model_aliases WHERE project_id = $1)::int AS aliases,
              (SELECT count(*) FROM gpu_rates WHERE project_id = $1)::int AS rates,
              (SELECT count(DISTINCT name) FROM gpu_pools WHERE project_id = $1)::int AS pools`,
      [project.id],
    );
    const counts = rows[0]!;
    context.out(
      `Project ${project.label}: ${counts.overrides} overrides, ${counts.aliases} model aliases, ${counts.rates} GPU rates, ${counts.pools} GPU pools`,
    );
    return 0;
  },
};
