/**
 * One event shows up in several series: a customer's spike is also its feature's cost, its
 * model's cost, the project's cost and perhaps its tokens per request. Anomalies of the same day
 * are one incident when they concern the same slice: the same scope (or both project-wide), or
 * one's scope is a root cause of the other (rakor-labs drives the spike on feature agent). The
 * incident leads with its most telling member: most severe, then a cost series, then a scoped
 * one, then the largest dollar impact. The app, the overview panel and the digest all list these.
 */
import type { Day } from "@/lib/calendar/days";
import { SEVERITIES, type Dimension, type MetricId, type Severity } from "./types";

export interface IncidentMember {
  id: string;
  day: Day;
  metric: MetricId;
  dimension: Dimension | null;
  dimensionValue: string | null;
  severity: Severity;
  /** Exact dollars as a decimal string; null when the metric has no dollar meaning. */
  dollarImpact: string | null;
  rootCauses: readonly { dimension: Dimension; value: string; share: number }[];
}

interface Incident<M extends IncidentMember> {
  /** The lead member's id. */
  id: string;
  day: Day;
  severity: Severity;
  lead: M;
  /** Every member, the lead first. */
  members: M[];
}

/** A root cause counts as the slice behind another series when it explains this much of its change. */
const RELATED_SHARE = 0.3;

const METRIC_PREFERENCE: Record<MetricId, number> = {
  cost: 0,
  tokens_per_request: 1,
  cache_hit_rate: 2,
  cost_per_outcome: 3,
};
const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);
const impactOf = (member: IncidentMember) => Math.abs(Number(member.dollarImpact ?? 0));

/** Negative when `a` should lead rather than `b`. */
function compareMembers(a: IncidentMember, b: IncidentMember): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    METRIC_PREFERENCE[a.metric] - METRIC_PREFERENCE[b.metric] ||
    Number(a.dimension === null) - Number(b.dimension === null) ||
    impactOf(b) - impactOf(a) ||
    a.id.localeCompare(b.id)
  );
}

const scopeOf = (member: IncidentMember) =>
  member.dimension === null ? "project" : `${member.dimension}=${member.dimensionValue}`;

function explains(cause: IncidentMember, effect: IncidentMember): boolean {
  return (
    cause.dimension !== null &&
    effect.rootCauses.some(
      (root) =>
        root.share >= RELATED_SHARE && root.dimension === cause.dimension && root.value === cause.dimensionValue,
    )
  );
}

function related(a: IncidentMember, b: IncidentMember): boolean {
  return a.day === b.day && (scopeOf(a) === scopeOf(b) || explains(a, b) || explains(b, a));
}

/** Incidents as the anomalies API lists them: the lead's id, day and severity, and the members' ids. */
export function incidentList<M extends IncidentMember>(
  members: readonly M[],
): { id: string; day: Day; severity: Severity; members: string[] }[] {
  return groupIncidents(members).map((incident) => ({
    id: incident.id,
    day: incident.day,
    severity: incident.severity,
    members: incident.members.map((member) => member.id),
  }));
}

/** Incidents, most severe first, then by the lead's dollar impact, then the latest day. */
export function groupIncidents<M extends IncidentMember>(members: readonly M[]): Incident<M>[] {
  // Union-find over each day's members (a day holds at most a few dozen anomalies).
  const parent = members.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index]!)));
  const byDay = new Map<Day, number[]>();
  members.forEach((member, index) => byDay.set(member.day, [...(byDay.get(member.day) ?? []), index]));
  for (const indices of byDay.values()) {
    for (const [position, i] of indices.entries()) {
      for (const j of indices.slice(position + 1)) if (related(members[i]!, members[j]!)) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, M[]>();
  members.forEach((member, index) => groups.set(root(index), [...(groups.get(root(index)) ?? []), member]));
  const incidents = [...groups.values()].map((group) => {
    const sorted = [...group].sort(compareMembers);
    const lead = sorted[0]!;
    return { id: lead.id, day: lead.day, severity: lead.severity, lead, members: sorted };
  });
  return incidents.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      impactOf(b.lead) - impactOf(a.lead) ||
      b.day.localeCompare(a.day) ||
      a.id.localeCompare(b.id),
  );
}
