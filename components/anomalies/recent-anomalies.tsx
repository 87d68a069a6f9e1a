"use client";

import { AppLink } from "@/components/app-link";
import { formatDay } from "@/lib/anomalies/describe";
import { wireIncidents } from "@/lib/anomalies/wire-incidents";
import { projectPagePath } from "@/lib/digest/view-model";
import { useAnomalies } from "@/lib/query/hooks/anomalies";
import { SeverityBadge } from "./severity-badge";
import styles from "./anomalies.module.css";

/**
 * The most severe open incidents of the period (lib/anomalies/incidents), for the overview, with
 * their count and a link to the full list: drop it into a card.
 *   <RecentAnomalies projectId={id} orgSlug={org} projectSlug={project} range={{ from, to }} />
 */
export function RecentAnomalies({
  projectId,
  orgSlug,
  projectSlug,
  range,
  limit = 5,
}: {
  projectId: string;
  orgSlug: string;
  projectSlug: string;
  range: { from: string; to: string };
  limit?: number;
}) {
  const list = useAnomalies(projectId, range);
  const base = projectPagePath(orgSlug, projectSlug, "anomalies");
  if (list.isPending)
    return (
      <p className="muted small" style={{ padding: "12px 16px" }}>
        Loading anomalies…
      </p>
    );
  if (list.isError)
    return (
      <p className="muted small" style={{ padding: "12px 16px" }}>
        Anomalies could not be loaded.
      </p>
    );
  const incidents = wireIncidents(list.data.anomalies.filter((a) => a.status === "open"));
  if (incidents.length === 0)
    return (
      <p className="muted small" style={{ padding: "12px 16px" }}>
        No open anomalies in this period.
      </p>
    );
  const listHref = `${base}?from=${range.from}&to=${range.to}`;
  return (
    <>
      <ul className={styles.recent} data-testid="recent-anomalies">
        {incidents.slice(0, limit).map(({ lead, members }) => (
          <li key={lead.id}>
            <SeverityBadge severity={lead.severity} />
            <span style={{ flex: 1 }}>
              <AppLink href={`${base}?anomaly=${encodeURIComponent(lead.id)}&from=${range.from}&to=${range.to}`}>
                {lead.description}
              </AppLink>
              {members.length > 1 && <span className="muted small"> · {members.length - 1} related</span>}
            </span>
            <span className="muted small" style={{ whiteSpace: "nowrap" }}>
              {formatDay(lead.day)}
            </span>
          </li>
        ))}
      </ul>
      <p className="small" style={{ padding: "8px 16px" }} data-testid="incident-count">
        <AppLink href={listHref}>
          {incidents.length} open incident{incidents.length === 1 ? "" : "s"} in this period
          {incidents.length > limit ? `, ${incidents.length - limit} more` : ""} →
        </AppLink>
      </p>
    </>
  );
}
