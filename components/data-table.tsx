/**
 * The app's table (`table.data`): a header row, then the rows. `scroll` puts it in the box that
 * scrolls sideways on a narrow screen (`.table-scroll`); other props go to the table.
 */
import type { ReactNode, TableHTMLAttributes } from "react";

/** A header cell: its text, or a numeric column (right-aligned), or an unlabelled one; false leaves it out. */
export type Column = string | { label?: string; num?: boolean; ariaLabel?: string; title?: string } | false;

export function DataTable({
  columns,
  scroll = false,
  children,
  ...table
}: {
  columns: readonly Column[];
  scroll?: boolean;
  children: ReactNode;
} & Omit<TableHTMLAttributes<HTMLTableElement>, "className">) {
  const element = (
    <table className="data" {...table}>
      <thead>
        <tr>
          {columns.map((column, index) =>
            column === false ? null : typeof column === "string" ? (
              <th key={index}>{column}</th>
            ) : (
              <th
                key={index}
                className={column.num ? "num" : undefined}
                aria-label={column.ariaLabel}
                title={column.title}
              >
                {column.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{element}</div> : element;
}
