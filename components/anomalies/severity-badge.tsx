import styles from "./anomalies.module.css";

export function SeverityBadge({ severity }: { severity: "low" | "medium" | "high" | "critical" }) {
  return <span className={`${styles.sev} ${styles[`sev_${severity}`]}`}>{severity}</span>;
}
