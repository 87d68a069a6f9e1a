"use client";

import { formatMoney } from "@/lib/format";
import { formatMarginPct, toneOfAmount } from "@/lib/margins/chart";
import styles from "./margins.module.css";

/** A dollar amount with its explanation on hover; negative amounts read in red. */
export function Money({ value, title, signed, testId }: { value: string; title?: string; signed?: boolean; testId?: string }) {
  const tone = signed ? toneOfAmount(value) : "neutral";
  const text = formatMoney(value);
  return (
    <span className={`${tone === "bad" ? styles.bad : tone === "good" && signed ? styles.good : ""} ${title ? styles.explain : ""}`} title={title} data-testid={testId}>
      {signed && tone === "good" ? `+${text}` : text}
    </span>
  );
}

export function MarginPct({ value, title }: { value: number | null; title?: string }) {
  return (
    <span className={`${value !== null && value < 0 ? styles.bad : ""} ${title ? styles.explain : ""}`} title={title}>
      {formatMarginPct(value)}
    </span>
  );
}

export function Figure({ label, children, title }: { label: string; children: React.ReactNode; title?: string }) {
  return (
    <div className={styles.figure} title={title}>
      <span className={styles.figureLabel}>{label}</span>
      <span className={styles.figureValue}>{children}</span>
    </div>
  );
}
