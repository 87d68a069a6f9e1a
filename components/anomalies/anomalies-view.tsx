"use client";

import { AppLink } from "@/components/app-link";
import { Fragment, useMemo, useState } from "react";
import type { AnomalyWire } from "@/lib/anomalies/contracts";
import { wireIncidents, wireSeriesKey } from "@/lib/anomalies/wire-incidents";
import { formatDay, seriesLabel, formatMetricValue } from "@/lib/anomalies/describe";
import { metricDefinition } from "@/lib/anomalies/metrics";
import { formatMoney } from "@/lib/format";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, TableSkeleton } from "@/components/states";
import dynamic from "next/dynamic";
import { chartPlaceholder } from "@/components/charts/lazy";
import { useAnomalies, useAnomalySeries, useRunDetection, useSetAnomalyStatus } from "@/lib/query/hooks/anomalies";
import { dashboardLink, eventsLink } from "./links";
import { selectedAnomaly } from "./selection";
import { SeverityBadge } from "./severity-badge";
import styles from "./anomalies.module.css";

/** Loaded on demand, like every chart (components/charts/lazy.tsx). */
const AnomalyChart = dynamic(() => import("./anomaly-chart").then((module) => module.AnomalyChart), {
  ssr: false,
  loading: chartPlaceholder(280),
});

/** Kinds whose impact is the estimated shift per day, not the gap of the day shown. */
const PERSISTENT_KINDS: ReadonlySet<string> = new Set(["level_shift", "drift"]);

const KIND_LABEL: Record<AnomalyWire["kind"], string> = {
  spike: "Spike",
  drop: "Drop",
  level_shift: "Level shift",
  drift: "Drift",
};
const STATUS_ACTIONS: { status: AnomalyWire["status"]; label: string }[] = [
  { status: "acknowledged", label: "Acknowledge" },
  { status: "resolved", label: "Resolve" },
  { status: "muted", label: "Mute" },
  { status: "open", label: "Reopen" },
];

interface AnomaliesViewProps {
  projectId: string;
  orgSlug: string;
  projectSlug: string;
  range: { from: string; to: string; label: string };
  lastDay: string;
  canManage: boolean;
  initialId?: string;
  initialSeries?: string;
  initialDay?: string;
}

export function AnomaliesView(props: AnomaliesViewProps) {
  const { projectId, orgSlug, projectSlug, range, canManage } = props;
  const list = useAnomalies(projectId, { from: range.from, to: range.to });
  const [selectedId, setSelectedId] = useState<string | null>(props.initialId ?? null);
  const [showClosed, setShowClosed] = useState(true);
  const setStatus = useSetAnomalyStatus(projectId);
  const detect = useRunDetection(projectId);

  const anomalies = useMemo(
    () => (list.data?.anomalies ?? []).filter((a) => showClosed || a.status === "open" || a.status === "acknowledged"),
    [list.data, showClosed],
  );
  const incidents = useMemo(() => wireIncidents(anomalies), [anomalies]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const selected = selectedAnomaly(anomalies, incidents, {
    id: selectedId,
    seriesId: props.initialSeries,
    day: props.initialDay,
  });
  const series = useAnomalySeries(projectId, selected?.series_id ?? null, props.lastDay);

  const header = (
    <div className="row" style={{ justifyContent: "space-between" }}>
      <label className="checkbox small">
        <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> Show resolved
        and muted
      </label>
      {canManage && (
        <button type="button" className="btn btn-sm" disabled={detect.isPending} onClick={() => detect.mutate()}>
          {detect.isPending ? "Detecting…" : "Run detection now"}
        </button>
      )}
    </div>
  );

  if (list.isPending)
    return (
      <div className="card">
        <TableSkeleton rows={6} columns={6} />
      </div>
    );
  if (list.isError)
    return (
      <div className="card">
        <ErrorState error={list.error} onRetry={() => list.refetch()} what="anomalies" />
      </div>
    );
  if (anomalies.length === 0) {
    return (
      <div className={styles.layout}>
        {header}
        <EmptyState
          title="No anomalies in this period"
          description={`Nothing moved outside its usual range (${range.label.toLowerCase()}). Detection runs daily on each series with at least 14 days of history and ignores changes worth less than $5 a day.`}
        />
      </div>
    );
  }

  const unit = selected ? metricDefinition(selected.metric).unit : "usd";
  return (
    <div className={styles.layout}>
      {header}
      {detect.isError && <div className="alert alert-error">{(detect.error as Error).message}</div>}
      {setStatus.isError && <div className="alert alert-error">{(setStatus.error as Error).message}</div>}
      {selected && (
        <section className="card" aria-label="Selected anomaly">
          <div className="card-header">
            <SeverityBadge severity={selected.severity} />
            <h2 style={{ fontSize: 15, margin: 0 }}>{seriesLabel(wireSeriesKey(selected))}</h2>
            <span className="muted small">
              {KIND_LABEL[selected.kind]} · {formatDay(selected.day)}
              {selected.provisional ? " · provisional" : ""}
            </span>
            <span className="spacer" />
            <span
              className={styles.status}
              data-testid="selected-status"
              title={
                selected.status_changed_by
                  ? `${selected.status} by ${selected.status_changed_by}${selected.status_changed_at ? ` on ${new Date(selected.status_changed_at).toLocaleString()}` : ""}`
                  : undefined
              }
            >
              {selected.status}
              {selected.status === "muted" && selected.status_changed_by ? ` by ${selected.status_changed_by}` : ""}
            </span>
          </div>
          <div className={`card-body ${styles.detail}`}>
            <div>
              {series.isPending ? (
                <TableSkeleton rows={5} columns={1} />
              ) : series.isError ? (
                <ErrorState error={series.error} what="the series" />
              ) : (
                <AnomalyChart series={series.data} selectedDay={selected.day} />
              )}
            </div>
            <div>
              <p className={styles.sentence}>{selected.description}</p>
              <div className="small muted" style={{ marginBottom: 6 }}>
                Root causes (by dollar contribution)
              </div>
              {selected.root_causes.length === 0 ? (
                <p className="small muted">No single feature, customer or model stands out.</p>
              ) : (
                <ul className={styles.causes}>
                  {selected.root_causes.map((c) => (
                    <li key={`${c.dimension}:${c.value}`}>
                      <span>
                        {c.dimension} <strong>{c.value}</strong>
                        {c.is_new ? " (new)" : ""}
                      </span>
                      <span className="num">
                        {c.delta.startsWith("-") ? "" : "+"}
                        {formatMoney(c.delta)} · {Math.round(c.share * 100)}%
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <div className={styles.links}>
                <AppLink href={dashboardLink(orgSlug, projectSlug, selected)}>Open in dashboard</AppLink>
                <AppLink href={eventsLink(orgSlug, projectSlug, selected)}>Events that day</AppLink>
              </div>
              {canManage && (
                <div className={styles.actions}>
                  {STATUS_ACTIONS.filter((a) => a.status !== selected.status).map((action) => (
                    <button
                      key={action.status}
                      type="button"
                      className="btn btn-sm"
                      disabled={setStatus.isPending}
                      onClick={() => setStatus.mutate({ id: selected.id, status: action.status })}
                    >
                      {action.label}
                    </button>
                  ))}
                </div>
              )}
            </div>
          </div>
        </section>
      )}
      <section className="card" aria-label="Anomalies">
        <div style={{ overflowX: "auto" }}>
          <table className={styles.table} data-testid="anomaly-list">
            <thead>
              <tr>
                <th>Severity</th>
                <th>Series</th>
                <th>Day</th>
                <th>Kind</th>
                <th className="num">Expected</th>
                <th className="num">Actual</th>
                <th
                  className="num"
                  title="Spikes and drops: actual minus expected on that day. Level shifts and drifts: the estimated size of the shift, per day, from the days since it began."
                >
                  Impact
                </th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((incident) => (
                <Fragment key={incident.id}>
                  {incident.members
                    .filter((a, index) => index === 0 || expanded.has(incident.id))
                    .map((a, index) => {
                      const u = metricDefinition(a.metric).unit;
                      const related = incident.members.length - 1;
                      const rowClass =
                        [a.id === selected?.id ? styles.selected : "", index > 0 ? styles.member : ""]
                          .join(" ")
                          .trim() || undefined;
                      return (
                        <tr
                          key={a.id}
                          className={rowClass}
                          onClick={() => setSelectedId(a.id)}
                          aria-selected={a.id === selected?.id}
                          data-testid={index === 0 ? "incident" : "incident-member"}
                        >
                          <td>
                            <SeverityBadge severity={a.severity} />
                          </td>
                          <td className={styles.series}>
                            <button
                              type="button"
                              className="btn-link"
                              style={{ textAlign: "left" }}
                              onClick={() => setSelectedId(a.id)}
                            >
                              {seriesLabel(wireSeriesKey(a))}
                            </button>
                            {index === 0 && related > 0 && (
                              <button
                                type="button"
                                className={`btn-link ${styles.related}`}
                                aria-expanded={expanded.has(incident.id)}
                                onClick={(event) => {
                                  event.stopPropagation();
                                  const next = new Set(expanded);
                                  if (!next.delete(incident.id)) next.add(incident.id);
                                  setExpanded(next);
                                }}
                              >
                                {expanded.has(incident.id) ? "hide" : "+"} {related} related
                              </button>
                            )}
                          </td>
                          <td style={{ whiteSpace: "nowrap" }}>{formatDay(a.day)}</td>
                          <td>{KIND_LABEL[a.kind]}</td>
                          <td className="num">{formatMetricValue(u, a.expected, a.outcome_type ?? undefined)}</td>
                          <td className="num">{formatMetricValue(u, a.actual, a.outcome_type ?? undefined)}</td>
                          <td className="num">
                            {a.dollar_impact === null
                              ? "—"
                              : `${a.dollar_impact.startsWith("-") ? "" : "+"}${formatMoney(a.dollar_impact)}${PERSISTENT_KINDS.has(a.kind) ? " a day" : ""}`}
                          </td>
                          <td className={styles.status}>{a.status}</td>
                        </tr>
                      );
                    })}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p className="small muted">
        Values of {unit === "usd" ? "cost" : "unit metrics"} are compared with a weekday-aware baseline of the days
        before; the shaded band is the expected range. A spike or drop is a day outside it; a level shift is three days
        in a row beyond half of it; a drift is a steady trend over four weeks, whose days can stay inside it.
      </p>
    </div>
  );
}
