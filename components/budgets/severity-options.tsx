import { SEVERITIES } from "@/lib/alerts/contracts";

const AT_LEAST: Record<(typeof SEVERITIES)[number], string> = {
  low: "Low and above",
  medium: "Medium and above",
  high: "High and above",
  critical: "Critical only",
};

/** The options of an anomaly-alert threshold (a channel's, a member's): none, or a severity and those above it. */
export function SeverityThresholdOptions({ noneLabel }: { noneLabel: string }) {
  return (
    <>
      <option value="none">{noneLabel}</option>
      {SEVERITIES.map((severity) => (
        <option key={severity} value={severity}>
          {AT_LEAST[severity]}
        </option>
      ))}
    </>
  );
}
