import { AppLink } from "@/components/app-link";
import type { BreakdownItem } from "@/lib/charts";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import styles from "./dashboard.module.css";

/** A ranked list with share-of-spend bars; each named item links to its page. */
export function RankList({
  items,
  hrefFor,
  emptyText,
  testId,
}: {
  items: BreakdownItem[];
  hrefFor: (item: BreakdownItem) => string | null;
  emptyText: string;
  testId?: string;
}) {
  if (items.length === 0)
    return (
      <p className="muted small" style={{ padding: "16px 20px" }}>
        {emptyText}
      </p>
    );
  return (
    <ol className={styles.rankList} data-testid={testId}>
      {items.map((item) => {
        const href = item.isOther ? null : hrefFor(item);
        const width = item.share === null ? 0 : Math.max(item.share * 100, item.share > 0 ? 0.8 : 0);
        return (
          <li key={item.key} className={styles.rankItem}>
            <span className={styles.rankName} title={item.provider ? `${item.label} · ${item.provider}` : item.label}>
              {href ? (
                <AppLink href={href}>{item.label}</AppLink>
              ) : (
                <span className={item.isOther ? "muted" : undefined}>{item.label}</span>
              )}
            </span>
            <span className={styles.rankValue}>{formatMoney(item.spend)}</span>
            <span className={styles.rankBar} aria-hidden="true">
              <span style={{ width: `${width}%`, background: item.color }} />
            </span>
            <span className={styles.rankMeta}>
              <span>{item.provider ?? `${formatCount(item.requests)} requests`}</span>
              <span>{item.share === null ? "—" : `${formatPercent(item.share)} of spend`}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
