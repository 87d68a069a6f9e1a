"use client";

import Link from "next/link";
import { formatDay } from "@/lib/anomalies/describe";
import { projectPagePath } from "@/lib/digest/view-model";
import { useAnomalies } from "./hooks";
import { SeverityBadge } from "./severity-badge";
import styles from "./anomalies.module.css";

/**
 * The latest open anomalies of a project, for the overview: drop it into a card.
 *   <RecentAnomalies projectId={id} orgSlug={org} projectSlug={project} range={{ from, to }} />
 */
export function RecentAnomalies({ projectId, orgSlug, projectSlug, range, limit = 5 }: { projectId: string; orgSlug: string; projectSlug: string; range: { from: string; to: string }; limit?: number }) {
  const list = useAnomalies(projectId, range);
  const base = projectPagePath(orgSlug, projectSlug, "anomalies");
  if (list.isPending) return <p className="muted small" style={{ padding: "12px 16px" }}>Loading anomalies…</p>;
  if (list.isError) return <p className="muted small" style={{ padding: "12px 16px" }}>Anomalies could not be loaded.</p>;
  const open = list.data.anomalies.filter((a) => a.status === "open").slice(0, limit);
  if (open.length === 0) return <p className="muted small" style={{ padding: "12px 16px" }}>No open anomalies in this period.</p>;
  return (
    <ul className={styles.recent} data-testid="recent-anomalies">
      {open.map((a) => (
        <li key={a.id}>
          <SeverityBadge severity={a.severity} />
          <span style={{ flex: 1 }}>
            <Link href={`${base}?anomaly=${encodeURIComponent(a.id)}&from=${range.from}&to=${range.to}`}>{a.description}</Link>
          </span>
          <span className="muted small" style={{ whiteSpace: "nowrap" }}>{formatDay(a.day)}</span>
        </li>
      ))}
    </ul>
  );
}
