"use client";

import { useState } from "react";
import { addDays } from "@/lib/calendar/days";
import { formatDateTime, formatMoney } from "@/lib/format";
import { useCloseMonth, useClosedMonthsQuery } from "@/lib/query/hooks/margins";

/** The last twelve ended months, newest first. */
function endedMonths(today: string): string[] {
  const months: string[] = [];
  let day = addDays(`${today.slice(0, 7)}-01`, -1);
  for (let i = 0; i < 12; i++) {
    months.push(day.slice(0, 7));
    day = addDays(`${day.slice(0, 7)}-01`, -1);
  }
  return months;
}

/** Closing a month freezes its revenue for good; importing billing for a month closes it too. */
export function ClosedMonths({
  projectId,
  timezone,
  canClose,
}: {
  projectId: string;
  timezone: string;
  canClose: boolean;
}) {
  const closed = useClosedMonthsQuery(projectId);
  const close = useCloseMonth(projectId);
  const done = new Set((closed.data?.closed_months ?? []).map((row) => row.month));
  const open = endedMonths(new Date().toISOString().slice(0, 10)).filter((month) => !done.has(month));
  const [month, setMonth] = useState("");
  return (
    <section className="card" aria-label="Closed months" data-testid="closed-months">
      <div className="card-header">
        <div>
          <h2>Closed months</h2>
          <p>
            A closed month keeps the revenue it had when it was closed, whatever plans, assignments or late usage say
            later. Importing billing for a month closes it.
          </p>
        </div>
      </div>
      <div className="card-body stack-sm">
        {canClose && open.length > 0 && (
          <div className="row">
            <select
              className="select"
              value={month}
              onChange={(e) => setMonth(e.target.value)}
              style={{ width: "auto" }}
              aria-label="Month to close"
              data-testid="close-month-pick"
            >
              <option value="">(an ended month)</option>
              {open.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-sm"
              disabled={!month || close.isPending}
              onClick={() => close.mutate(month, { onSuccess: () => setMonth("") })}
              data-testid="close-month"
            >
              Close month
            </button>
          </div>
        )}
        {close.data && (
          <div className="alert alert-good" role="status">
            Closed {close.data.closed.month}: {close.data.closed.customers} customers,{" "}
            {formatMoney(close.data.closed.revenue)} of revenue frozen.
          </div>
        )}
        {close.error && (
          <div className="alert alert-error" role="alert">
            {close.error.message}
          </div>
        )}
        {(closed.data?.closed_months ?? []).length === 0 ? (
          <p className="muted">No month is closed yet.</p>
        ) : (
          <ul>
            {closed.data!.closed_months.map((row) => (
              <li key={row.month}>
                <strong>{row.month}</strong> · {row.source === "imported" ? "by a billing import" : "closed by hand"} on{" "}
                {formatDateTime(row.closed_at, timezone)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
