"use client";

import { ErrorState, TableSkeleton } from "@/components/states";
import { Kpi, KpiSkeleton } from "@/components/kpi";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import { femtoToUsd, usdToFemto } from "@/lib/money";
import { marginsCsvUrl, useMarginsQuery, type MarginsData, type Period } from "@/lib/query/hooks/margins";
import { ComparisonPanel } from "./comparison-panel";
import { CustomersTable } from "./customers-table";
import dynamic from "next/dynamic";
import { chartPlaceholder } from "@/components/charts/lazy";
import { MarginPct, Money } from "./figures";
import styles from "./margins.module.css";
import { OutcomeTable } from "./outcome-table";

/** Loaded on demand, like every chart (components/charts/lazy.tsx). */
const DistributionChart = dynamic(() => import("./distribution-chart").then((module) => module.DistributionChart), {
  ssr: false,
  loading: chartPlaceholder(240),
});

export function MarginsOverview({
  projectId,
  period,
  compareId: chosen,
  onCompare,
}: {
  projectId: string;
  period: Period;
  compareId: string | null | undefined;
  onCompare: (id: string | null) => void;
}) {
  const query = useMarginsQuery(projectId, period, chosen);
  const compareId = chosen ?? null;
  if (query.isPending) {
    return (
      <div className="stack">
        <KpiSkeleton count={5} />
        <div className="card">
          <TableSkeleton />
        </div>
      </div>
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} what="margins" />;
  const data = query.data;
  const planNames = new Map(data.plans.map((plan) => [plan.id, plan.name]));
  const noPlans = data.plans.length === 0;
  const risk = data.revenue_at_risk;
  return (
    <div className="stack" data-testid="margins-overview">
      {noPlans && (
        <div className="alert alert-info" role="status">
          No pricing plan yet: revenue is $0 for every customer. Create a plan and set it as the default in the{" "}
          <strong>Plans</strong> tab, or import actual revenue from billing.
        </div>
      )}
      <ComparisonPanel data={data} compareId={compareId} onCompare={onCompare} />
      <div className={styles.kpis}>
        <Kpi
          label={<span title={data.explanations.revenue}>Revenue</span>}
          value={<Money value={data.totals.revenue} testId="total-revenue" />}
          foot={`${formatCount(data.customers.length)} customers`}
        />
        <Kpi
          label={<span title={data.explanations.cost}>Usage cost</span>}
          value={<Money value={data.totals.cost} testId="total-cost" />}
          foot={
            data.totals.unpriced_requests
              ? `${formatCount(data.totals.unpriced_requests)} requests without a price, not included`
              : "tokens plus GPU time used"
          }
          warn={data.totals.unpriced_requests > 0}
        />
        <Kpi
          label={<span title={data.explanations.loaded_cost}>Fully loaded cost</span>}
          value={<Money value={data.totals.loaded_cost} testId="total-loaded-cost" />}
          foot={<LoadedFoot data={data} />}
        />
        <Kpi
          label={<span title={data.explanations.margin}>Gross margin</span>}
          value={<Money value={data.totals.margin} signed testId="total-margin" />}
          foot={
            data.cost_basis === "loaded"
              ? `revenue − fully loaded cost · on usage cost: ${formatMoney(data.totals.usage_margin)}`
              : "revenue − usage cost"
          }
        />
        <Kpi
          label={<span title={data.explanations.margin_pct}>Margin %</span>}
          value={<MarginPct value={data.totals.margin_pct} />}
          foot={
            <span title={data.explanations.revenue_at_risk} data-testid="revenue-at-risk">
              {formatMoney(risk.revenue)} revenue at risk{risk.share !== null ? ` (${formatPercent(risk.share)})` : ""}
            </span>
          }
          warn={risk.revenue !== "0.00"}
        />
      </div>

      <div className={styles.grid2}>
        <section className="card" aria-label="Margin distribution">
          <div className="card-header">
            <div>
              <h2>Margin distribution</h2>
              <p title={data.explanations.distribution}>Number of customers by margin % (bars below 0 lose money)</p>
            </div>
          </div>
          <DistributionChart buckets={data.distribution} />
        </section>
        <section className="card" aria-label="Loss-making customers" data-testid="loss-making">
          <div className="card-header">
            <div>
              <h2>Loss-making customers</h2>
              <p title={data.explanations.revenue_at_risk}>
                {data.loss_making.length} customer{data.loss_making.length === 1 ? "" : "s"} cost more than they pay ·{" "}
                {formatMoney(risk.revenue)} of revenue at risk
              </p>
            </div>
          </div>
          {data.loss_making.length === 0 ? (
            <p className="muted" style={{ padding: "16px 20px" }}>
              Every customer with cost pays more than it costs in this period.
            </p>
          ) : (
            <ul className={styles.list}>
              {data.loss_making.slice(0, 12).map((row) => (
                <li key={row.customer}>
                  <span>{row.customer || "(no customer)"}</span>
                  <span className="num">
                    <Money
                      value={row.margin}
                      signed
                      title={`Revenue ${formatMoney(row.revenue)} − cost ${formatMoney(row.cost)}`}
                    />{" "}
                    <span className="muted small">
                      (<MarginPct value={row.margin_pct} />)
                    </span>
                  </span>
                </li>
              ))}
              {data.loss_making.length > 12 && <li className="muted small">and {data.loss_making.length - 12} more</li>}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-label="Customers">
        <div className="card-header">
          <div style={{ flex: 1 }}>
            <h2>Customers</h2>
            <p>Cost, revenue and margin per customer for the period. Hover a figure to see how it was computed.</p>
          </div>
          <a
            className="btn btn-sm"
            href={marginsCsvUrl(projectId, period, "customer", compareId)}
            download
            data-testid="margins-csv"
          >
            Export CSV
          </a>
        </div>
        {data.customers.length === 0 ? (
          <p className="muted" style={{ padding: "16px 20px" }}>
            No customers in this period.
          </p>
        ) : (
          <CustomersTable customers={data.customers} planNames={planNames} compareId={compareId} />
        )}
      </section>

      <section className="card" aria-label="Cost per outcome">
        <div className="card-header">
          <div>
            <h2>Cost per outcome</h2>
            <p title={data.explanations.break_even}>
              What each outcome costs to produce, per feature: the break-even price and its spread. A wide p10–p90
              spread is a pricing risk for per-outcome plans.
            </p>
          </div>
        </div>
        <OutcomeTable outcomes={data.outcomes} explanation={data.explanations.break_even} />
      </section>

      <section className="card" aria-label="Features">
        <div className="card-header">
          <div style={{ flex: 1 }}>
            <h2>Features</h2>
            <p>Fees are split over features by their share of cost; imported revenue by computed revenue, else cost.</p>
          </div>
          <a className="btn btn-sm" href={marginsCsvUrl(projectId, period, "feature", compareId)} download>
            Export CSV
          </a>
        </div>
        <div className={styles.tableWrap}>
          <table className="data">
            <thead>
              <tr>
                <th>Feature</th>
                <th className="num">Customers</th>
                <th className="num">Usage cost</th>
                <th className="num" title={data.explanations.loaded_cost}>
                  Fully loaded
                </th>
                <th className="num">Revenue</th>
                <th className="num">Margin</th>
                <th className="num">Margin %</th>
              </tr>
            </thead>
            <tbody>
              {data.features.map((f) => (
                <tr key={f.feature}>
                  <td>{f.feature || <span className="muted">(no feature)</span>}</td>
                  <td className="num">{formatCount(f.customers)}</td>
                  <td className="num">
                    <Money value={f.cost} />
                  </td>
                  <td className="num">
                    <Money value={f.loaded_cost} />
                  </td>
                  <td className="num">
                    <Money value={f.revenue} />
                  </td>
                  <td className="num">
                    <Money value={f.margin} signed />
                  </td>
                  <td className="num">
                    <MarginPct value={f.margin_pct} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className={styles.footnotes}>
          {Object.entries(data.explanations)
            .filter(([key]) => key !== "simulation")
            .map(([key, text]) => (
              <p key={key}>{text}</p>
            ))}
        </div>
      </section>
    </div>
  );
}

/** What fully loaded adds to usage cost: idle GPU time and fixed costs, and what stays unallocated. */
function LoadedFoot({ data }: { data: MarginsData }) {
  const pools = data.fully_loaded?.pools ?? [];
  const idle = pools.reduce((total, pool) => total + usdToFemto(pool.idle), 0n);
  const fixed = (data.fully_loaded?.fixed ?? []).reduce((total, cost) => total + usdToFemto(cost.amount), 0n);
  const unallocated = data.overhead.reduce((total, line) => total + usdToFemto(line.amount), 0n);
  const parts = [
    `idle GPU ${formatMoney(femtoToUsd(idle))}`,
    ...(fixed !== 0n ? [`fixed ${formatMoney(femtoToUsd(fixed))}`] : []),
    ...(unallocated !== 0n ? [`${formatMoney(femtoToUsd(unallocated))} unallocated`] : []),
  ];
  return (
    <span
      data-testid="loaded-foot"
      title={pools
        .map(
          (pool) =>
            `${pool.pool}: bill ${formatMoney(pool.bill)} = busy ${formatMoney(pool.busy)} + idle allocated ${formatMoney(pool.allocated_idle)} + unallocated ${formatMoney(pool.unallocated)}`,
        )
        .join("\n")}
    >
      {pools.length || fixed !== 0n ? parts.join(" · ") : "no GPU pools or fixed costs"}
    </span>
  );
}
