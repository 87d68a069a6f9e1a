import type { ReactNode } from "react";
import { Icon } from "@/components/shell/icon";
import styles from "./empty-state.module.css";

/**
 * A calm, honest "nothing here yet" panel: what is missing, why, and the one thing to do next.
 * Pages render their real content in its place once there is data.
 */
export function EmptyState({
  title,
  description,
  action,
  children,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className={`card ${styles.empty}`} aria-label={title}>
      <div className={styles.head}>
        <div className={styles.mark} aria-hidden="true">
          <Icon path="M3 12h4l3-8 4 16 3-8h4" />
        </div>
        <h2>{title}</h2>
        {description && <p className="muted">{description}</p>}
        {action && <div className={styles.action}>{action}</div>}
      </div>
      {children && <div className={styles.body}>{children}</div>}
    </section>
  );
}
