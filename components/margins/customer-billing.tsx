"use client";

/**
 * A customer's billing on its page: the plans in force in the period, revenue for the period and
 * the month to date, allowances used against included, the invoice preview for the current
 * month, and its margin (on fully loaded cost) against the period before. Read from the margins
 * report, so every figure equals the margins page's.
 */
import { addDays, dayCount } from "@/lib/calendar/days";
import { formatMoney } from "@/lib/format";
import { useCustomerReportQuery } from "@/lib/query/hooks/margins";
import { MarginPct, Money } from "./figures";

type Period = { from: string; to: string };

export function CustomerBilling({
  projectId,
  customer,
  period,
}: {
  projectId: string;
  customer: string;
  period: Period;
}) {
  const days = dayCount(period.from, period.to);
  const previous = { from: addDays(period.from, -days), to: addDays(period.from, -1) };
  const monthToDate = { from: `${period.to.slice(0, 7)}-01`, to: period.to };
  const current = useCustomerReportQuery(projectId, period, customer);
  const before = useCustomerReportQuery(projectId, previous, customer);
  const month = useCustomerReportQuery(projectId, monthToDate, customer);
  const c = current.data?.customer;
  if (!current.data) return null;
  if (!c)
    return (
      <section className="card card-body muted" data-testid="customer-billing">
        No plan or revenue for this customer in the period.
      </section>
    );
  const names = current.data.plans;
  const m = month.data?.customer;
  const trend = before.data?.customer?.margin_pct;
  return (
    <section className="card" aria-label="Billing" data-testid="customer-billing">
      <div className="card-header">
        <div>
          <h2>Billing</h2>
          <p>
            Plans in force:{" "}
            {c.plans
              .map((p) => `${p.plan_id ? (names.get(p.plan_id) ?? p.plan_id) : "no plan"} (${p.from} – ${p.to})`)
              .join(" → ")}
            . Each plan charges by the version in force each day (version history on the Pricing page).
          </p>
        </div>
      </div>
      <div className="card-body stack-sm">
        <p>
          Revenue this period <Money value={c.revenue} testId="billing-revenue" /> · month to date{" "}
          {m ? <Money value={m.revenue} /> : "—"} · fully loaded cost <Money value={c.loaded_cost} /> (usage{" "}
          <Money value={c.cost} />) · margin <Money value={c.margin} signed /> (<MarginPct value={c.margin_pct} />)
          {trend !== undefined && (
            <span className="muted">
              {" "}
              · the period before: {trend === null ? "no revenue" : `${trend.toFixed(2)}%`}
            </span>
          )}
        </p>
        {m && m.allowances.length > 0 && (
          <p data-testid="billing-allowances">
            Allowances this month:{" "}
            {m.allowances
              .map(
                (a) =>
                  `${names.get(a.plan_id) ?? a.plan_id}: ${a.unit === "cost" ? `${formatMoney(a.used)} of ${formatMoney(a.allowance)} of cost` : `${a.used} of ${a.allowance} ${a.unit}`}${a.crossed_on ? `, used up on ${a.crossed_on}` : ""}`,
              )
              .join("; ")}
          </p>
        )}
        {m && (
          <table className="data" data-testid="invoice-preview">
            <caption style={{ textAlign: "left" }}>
              Invoice preview, {monthToDate.from} – {monthToDate.to}
              {m.revenue_source !== "computed" ? " (imported or closed month: billed as recorded)" : ""}
            </caption>
            <thead>
              <tr>
                <th>Plan</th>
                <th>Charge</th>
                <th>Feature</th>
                <th className="num">Amount</th>
                <th>How</th>
              </tr>
            </thead>
            <tbody>
              {m.revenue_lines.map((line, index) => (
                <tr key={index}>
                  <td>{names.get(line.plan_id) ?? line.plan_id}</td>
                  <td>
                    {line.kind}
                    {line.outcome_type ? ` · ${line.outcome_type}` : ""}
                  </td>
                  <td>{line.feature}</td>
                  <td className="num">
                    <Money value={line.amount} />
                  </td>
                  <td className="small">{line.note}</td>
                </tr>
              ))}
              <tr>
                <td colSpan={3}>
                  <strong>Total</strong>
                </td>
                <td className="num">
                  <strong>
                    <Money value={m.revenue} />
                  </strong>
                </td>
                <td />
              </tr>
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
