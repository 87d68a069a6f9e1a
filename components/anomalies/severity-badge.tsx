import type { Severity } from "@/lib/anomalies/types";
import styles from "./anomalies.module.css";

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`${styles.sev} ${styles[`sev_${severity}`]}`}>{severity}</span>;
}
