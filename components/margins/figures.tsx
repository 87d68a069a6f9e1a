"use client";

import { formatMoney } from "@/lib/format";
import { formatMarginPct, toneOfAmount } from "@/lib/margins/chart";
import styles from "./margins.module.css";

/** A dollar amount with its explanation on hover; negative amounts read in red. */
/**
 * `signed`: shows + or − and colours the amount, green for up; "inverse" for amounts where up
 * is bad (a change in cost).
 */
export function Money({
  value,
  title,
  signed,
  testId,
}: {
  value: string;
  title?: string;
  signed?: boolean | "inverse";
  testId?: string;
}) {
  const raw = signed ? toneOfAmount(value) : "neutral";
  const tone = signed === "inverse" && raw !== "neutral" ? (raw === "good" ? "bad" : "good") : raw;
  const positive = signed && raw === "good";
  const text = formatMoney(value);
  return (
    <span
      className={`${tone === "bad" ? styles.bad : tone === "good" ? styles.good : ""} ${title ? styles.explain : ""}`}
      title={title}
      data-testid={testId}
    >
      {positive ? `+${text}` : text}
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
