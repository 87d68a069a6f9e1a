"use client";

/**
 * A customer's billing on its page: the plans in force in the period, revenue for the period and
 * the month to date, allowances used against included, the invoice preview for the current
 * month, and its margin (on fully loaded cost) against the period before. Read from the margins
 * report, so every figure equals the margins page's.
 */
import { addDays, dayCount } from "@/lib/calendar/days";
import { daysInMonth } from "@/lib/calendar/months";
import { formatCount, formatDay, formatMoney, formatPercent } from "@/lib/format";
import { femtoToUsd, usdToFemto } from "@/lib/money";
import type { MarginsWire } from "@/lib/margins/wire/report";
import { UsageBar } from "@/components/usage-bar";
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
              .map(
                (p) =>
                  `${p.plan_id ? (names.get(p.plan_id) ?? p.plan_id) : "no plan"} (${formatDay(p.from, true)} – ${formatDay(p.to, true)})`,
              )
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
        {m && m.allowances.length > 0 && <AllowanceList uses={m.allowances} names={names} />}
        {m && (
          <table className="data" data-testid="invoice-preview">
            <caption style={{ textAlign: "left" }}>
              Invoice preview, {formatDay(monthToDate.from)} – {formatDay(monthToDate.to, true)}
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

/**
 * Each allowance of the month: how much of it the usage took ("$182.40 of the $300.00 included
 * usage cost used, 61%"), for which days (prorated when the plan started mid-month), and what
 * happens next: the rest left, or the day it ran out, after which usage is charged as overage.
 */
/** "6 of 31 days, prorated" when the allowance covers part of its month (the period or the plan starts mid-month). */
function prorated(use: AllowanceUse): string | null {
  const days = dayCount(use.from, use.to);
  const month = daysInMonth(use.month);
  return days < month ? `${days} of ${month} days, prorated` : null;
}

type AllowanceUse = MarginsWire["customers"][number]["allowances"][number];

function AllowanceList({ uses, names }: { uses: readonly AllowanceUse[]; names: ReadonlyMap<string, string> }) {
  return (
    <div data-testid="billing-allowances">
      <h3 className="small">Allowances this month</h3>
      <ul className="stack-sm" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {uses.map((use) => {
          const cost = use.unit === "cost";
          const amount = (value: string) => (cost ? formatMoney(value) : formatCount(value));
          const exact = (value: string) => (cost ? usdToFemto(value) : BigInt(value));
          const included = exact(use.allowance);
          const used = exact(use.used);
          const share = included > 0n ? Number((used * 10_000n) / included) / 10_000 : used > 0n ? Infinity : 0;
          const what = cost ? "included usage cost" : `included ${use.unit}`;
          const plan = names.get(use.plan_id) ?? use.plan_id;
          return (
            <li key={`${use.plan_id}/${use.from}`} data-testid="billing-allowance">
              <strong>{plan}</strong>, {formatDay(use.from)} – {formatDay(use.to)}
              {prorated(use) ? ` (${prorated(use)})` : ""}: {amount(use.used)} of the {amount(use.allowance)} {what}{" "}
              used{Number.isFinite(share) ? ` (${formatPercent(share, 0)})` : ""}
              {use.crossed_on ? (
                <>; used up on {formatDay(use.crossed_on)}, usage after that is charged as overage.</>
              ) : (
                <>; {cost ? formatMoney(femtoToUsd(included - used)) : formatCount(included - used)} left.</>
              )}
              <UsageBar
                label={`${plan}: ${Number.isFinite(share) ? formatPercent(share, 0) : "all"} of the allowance used`}
                percent={share * 100}
                over={use.crossed_on !== null}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
