"use client";

import { describePlan } from "@/lib/margins/plan-form";
import { usePlanVersionsQuery } from "@/lib/query/hooks/margins";
import { DataTable } from "@/components/data-table";

/** A plan's versions, newest first: each charges from its start until the next version's. */
export function PlanHistory({ projectId, planId }: { projectId: string; planId: string }) {
  const versions = usePlanVersionsQuery(projectId, planId);
  if (!versions.data)
    return (
      <p className="muted small">{versions.isError ? "The versions could not be loaded." : "Loading versions…"}</p>
    );
  return (
    <DataTable
      data-testid={`plan-history-${planId}`}
      columns={["Version", "In force from", "Name", "Pricing", "Saved"]}
    >
      {[...versions.data.versions].reverse().map((version) => (
        <tr key={version.version}>
          <td className="num">v{version.version}</td>
          <td>{version.effective_from ?? "the beginning"}</td>
          <td>{version.name}</td>
          <td className="small">{describePlan(version.definition)}</td>
          <td className="small">{version.created_at.slice(0, 10)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
