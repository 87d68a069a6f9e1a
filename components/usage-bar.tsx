/**
 * How much of an amount is used (a budget, an allowance), as a bar: amber from 80%, red past
 * 100%. `children` draw on the bar (a budget's forecast mark), positioned against its width.
 */
import type { ReactNode } from "react";
import styles from "./usage-bar.module.css";

export function UsageBar({
  label,
  percent,
  over = percent > 100,
  children,
}: {
  /** What the bar says to a screen reader, with the figure ("Search: 61% of the allowance used"). */
  label: string;
  percent: number;
  /** Shown red: used up (a budget breached, an allowance run out) even when the figure rounds to 100. */
  over?: boolean;
  children?: ReactNode;
}) {
  const width = Math.max(0, Math.min(100, percent));
  const tone = over ? styles.bad : percent >= 80 ? styles.warn : "";
  return (
    <div
      className={styles.bar}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={width}
    >
      <div className={`${styles.fill} ${tone}`} style={{ width: `${width}%` }} />
      {children}
    </div>
  );
}
