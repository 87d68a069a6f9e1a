/** Scores detections against planted anomalies: precision and recall, overall and per kind. */
import { detectAnomalies, type DetectOptions } from "@/lib/anomalies/detect";
import { dayToNumber } from "@/lib/calendar/days";
import type { AnomalyKind } from "@/lib/anomalies/types";
import { START_DAY, type Synthetic } from "./synthetic";

interface Tally {
  truePositives: number;
  detections: number;
  found: number;
  planted: number;
}

interface QualityReport {
  overall: Tally;
  /** Recall by the planted kind, precision by the detected kind. */
  byKind: Record<AnomalyKind, Tally>;
  byScenario: Record<string, Tally>;
  /** Matched detections whose kind equals the planted kind (spike/drop count as one family). */
  kindAgreement: number;
  falseAlarmsPer1000Days: number;
  seriesDays: number;
}

const empty = (): Tally => ({ truePositives: 0, detections: 0, found: 0, planted: 0 });
export const precision = (t: Tally) => (t.detections === 0 ? 1 : t.truePositives / t.detections);
export const recall = (t: Tally) => (t.planted === 0 ? 1 : t.found / t.planted);

export function evaluate(cases: readonly Synthetic[], options: Partial<DetectOptions> = {}): QualityReport {
  const overall = empty();
  const byKind = { spike: empty(), drop: empty(), level_shift: empty(), drift: empty() } satisfies Record<
    AnomalyKind,
    Tally
  >;
  const byScenario: Record<string, Tally> = {};
  const origin = dayToNumber(START_DAY);
  let agreeing = 0;
  let matched = 0;
  let falseAlarms = 0;
  let seriesDays = 0;
  for (const c of cases) {
    const scenario = (byScenario[c.scenario] ??= empty());
    const { anomalies } = detectAnomalies(c.series, options);
    seriesDays += c.series.points.length;
    const detectedPlanted = new Set<number>();
    for (const anomaly of anomalies) {
      const index = dayToNumber(anomaly.day) - origin;
      const hit = c.planted.findIndex((p) => index >= p.start && index <= p.until);
      for (const t of [overall, byKind[anomaly.kind], scenario]) {
        t.detections++;
        if (hit >= 0) t.truePositives++;
      }
      if (hit >= 0) {
        detectedPlanted.add(hit);
        matched++;
        if (family(anomaly.kind) === family(c.planted[hit]!.kind)) agreeing++;
      } else {
        falseAlarms++;
      }
    }
    c.planted.forEach((p, i) => {
      for (const t of [overall, byKind[p.kind], scenario]) {
        t.planted++;
        if (detectedPlanted.has(i)) t.found++;
      }
    });
  }
  return {
    overall,
    byKind,
    byScenario,
    kindAgreement: matched === 0 ? 1 : agreeing / matched,
    falseAlarmsPer1000Days: (falseAlarms / seriesDays) * 1000,
    seriesDays,
  };
}

function family(kind: AnomalyKind): string {
  return kind === "drop" ? "spike" : kind;
}

export function formatReport(report: QualityReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (name: string, t: Tally) =>
    `${name.padEnd(14)} precision ${pct(precision(t))} (${t.truePositives}/${t.detections})   recall ${pct(recall(t))} (${t.found}/${t.planted})`;
  return [
    row("overall", report.overall),
    ...Object.entries(report.byKind).map(([k, t]) => row(k, t)),
    ...Object.entries(report.byScenario).map(([k, t]) => row(`[${k}]`, t)),
    `kind agreement ${pct(report.kindAgreement)}; false alarms ${report.falseAlarmsPer1000Days.toFixed(2)} per 1000 series-days (${report.seriesDays} days)`,
  ].join("\n");
}
