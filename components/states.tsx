"use client";

import styles from "./states.module.css";

/** A grey block the size of the content that is loading, so the page does not jump. */
export function Skeleton({
  width = "100%",
  height = 16,
  style,
}: {
  width?: number | string;
  height?: number | string;
  style?: React.CSSProperties;
}) {
  return <span className={styles.skeleton} style={{ display: "block", width, height, ...style }} aria-hidden="true" />;
}

export function TableSkeleton({ rows = 6, columns = 6 }: { rows?: number; columns?: number }) {
  return (
    <div
      style={{ padding: "12px 16px", display: "flex", flexDirection: "column", gap: 12 }}
      role="status"
      aria-label="Loading"
    >
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} style={{ display: "grid", gridTemplateColumns: `2fr repeat(${columns - 1}, 1fr)`, gap: 16 }}>
          {Array.from({ length: columns }, (_, column) => (
            <Skeleton key={column} height={14} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** What failed, in the API's own words, and a way to try again. */
export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what: string }) {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return (
    <div
      className="alert alert-error"
      role="alert"
      style={{ margin: 16, display: "flex", gap: 12, alignItems: "center" }}
    >
      <span style={{ flex: 1 }}>
        <strong>Could not load {what}.</strong> {message}
      </span>
      {onRetry && (
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
