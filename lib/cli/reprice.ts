import { getDb } from "@/lib/db/client";
import { formatUsd, usdToFemto } from "@/lib/money";
import { computeGpuIdle, listGpuPools, previewReprice, runReprice, type RepricePreview } from "@/lib/pricing/db";
import { repriceRequestSchema } from "@/lib/pricing/schemas";
import { findProject } from "./prices";
import { fail, type CliCommand, type CommandContext } from "./types";

/** Dollars with every significant digit up to the femtodollar, so small changes show. */
const usd = (value: string) => {
  const femto = usdToFemto(value);
  return femto !== 0n && femto < 10n ** 13n && femto > -(10n ** 13n)
    ? `$${value.replace(/0+$/, "")}`
    : formatUsd(femto);
};

function printPreview(preview: RepricePreview, out: CommandContext["out"]): void {
  out(`Period ${preview.from} .. ${preview.to}${preview.model ? `, model ${preview.model}` : ""}`);
  out(
    `Events matched: ${preview.events_matched}; would change: ${preview.events_changed}; unpriced: ${preview.unpriced_before} -> ${preview.unpriced_after}`,
  );
  out(`Total: ${usd(preview.total_before)} -> ${usd(preview.total_after)} (difference ${usd(preview.difference)})`);
  for (const row of preview.by_model.filter((diff) => diff.changed > 0)) {
    out(
      `  ${row.provider}:${row.model}  ${row.changed}/${row.events} events  ${usd(row.total_before)} -> ${usd(row.total_after)}`,
    );
  }
  const entries = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([entry, count]) => `${entry} (${count})`)
      .join(", ") || "-";
  if (preview.events_changed) out(`Price entries: ${entries(preview.old_entries)} -> ${entries(preview.new_entries)}`);
}

export const repriceCommand: CliCommand = {
  name: "reprice",
  usage: "reprice --project <slug> [--org <slug>] --from YYYY-MM-DD --to YYYY-MM-DD [--model <name>] [--dry-run]",
  summary: "re-price a period's events (and rollups) with the current prices; --dry-run prints the preview only",
  options: {
    project: { type: "string" },
    org: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    model: { type: "string" },
    "dry-run": { type: "boolean" },
  },
  async run(values, context) {
    const parsed = repriceRequestSchema.safeParse({
      from: values.from,
      to: values.to,
      ...(typeof values.model === "string" ? { model: values.model } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(`--${String(issue.path[0] ?? "from")}: ${issue.input === undefined ? "required" : issue.message}`);
    }
    const project = await findProject(values);
    if ("error" in project) return fail(project.error);
    const { pool } = getDb();
    context.out(`Project ${project.label}`);
    if (values["dry-run"]) {
      printPreview(await previewReprice(pool, project.id, parsed.data), context.out);
      context.out("Dry run: nothing was changed.");
      return 0;
    }
    const run = await runReprice(pool, project.id, parsed.data, { userId: null, via: "cli" });
    printPreview(run, context.out);
    if ((await listGpuPools(pool, project.id)).length) {
      const idle = await computeGpuIdle(pool, project.id, parsed.data.from, parsed.data.to);
      context.out(
        `GPU idle recomputed for ${idle.pool_days} pool-days${idle.skipped.length ? `; skipped ${idle.skipped.length}: ${idle.skipped[0]!.reason}` : ""}`,
      );
    }
    context.out(`Run ${run.run_id}: ${run.events_changed} events changed.`);
    return 0;
  },
};
