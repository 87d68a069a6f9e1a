import type { ReactNode } from "react";
import styles from "./kpi.module.css";
import { Skeleton } from "./states";

export function Kpi({
  label,
  value,
  foot,
  warn,
  testId,
}: {
  label: ReactNode;
  value: ReactNode;
  foot?: ReactNode;
  warn?: boolean;
  testId?: string;
}) {
  return (
    <div className={`card ${styles.kpi} ${warn ? styles.kpiWarn : ""}`} data-testid={testId}>
      <div className={styles.kpiLabel}>{label}</div>
      <div className={styles.kpiValue}>{value}</div>
      {foot && <div className={styles.kpiFoot}>{foot}</div>}
    </div>
  );
}

export function KpiSkeleton({ count }: { count: number }) {
  return (
    <div className={styles.kpis} role="status" aria-label="Loading figures">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className={`card ${styles.kpi}`}>
          <Skeleton width={90} height={12} />
          <Skeleton width={140} height={26} style={{ marginTop: 6 }} />
          <Skeleton width={120} height={12} style={{ marginTop: 6 }} />
        </div>
      ))}
    </div>
  );
}
