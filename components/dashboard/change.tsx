import { changeTone, formatChange, percentChange, type Change, type Polarity } from "@/lib/format";
import styles from "./dashboard.module.css";

const TONE_CLASS = { bad: styles.change_bad, good: styles.change_good, neutral: styles.change_neutral } as const;

/** A period-over-period change, coloured by what is good for the metric (spend up reads red). */
export function ChangeBadge({
  change,
  polarity = "up-is-bad",
  title,
}: {
  change: Change;
  polarity?: Polarity;
  title?: string;
}) {
  const tone = changeTone(change, polarity);
  return (
    <span className={`${styles.change} ${TONE_CLASS[tone]}`} title={title} data-tone={tone}>
      {formatChange(change)}
    </span>
  );
}

/** The change of a money amount against the previous period. */
export function MoneyChange({
  current,
  previous,
  polarity = "up-is-bad",
}: {
  current: string;
  previous: string | null;
  polarity?: Polarity;
}) {
  if (previous === null) return <span className="muted">—</span>;
  return <ChangeBadge change={percentChange(current, previous)} polarity={polarity} />;
}
