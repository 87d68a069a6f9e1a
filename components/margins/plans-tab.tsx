"use client";

import { useState } from "react";
import { ErrorState, TableSkeleton } from "@/components/states";
import { describePlan } from "@/lib/margins/plan-form";
import type { AssignmentWire, PlanDefinitionWire as PlanInput } from "@/lib/margins/wire";
import {
  useArchivePlan,
  useMarginsQuery,
  usePlansQuery,
  useSaveAssignments,
  type Period,
} from "@/lib/query/hooks/margins";
import { nextBillingPeriodStart } from "@/lib/margins/plan-versions";
import { PlanEditor } from "./plan-editor";
import { PlanHistory } from "./plan-history";
import styles from "./margins.module.css";
import { DataTable } from "@/components/data-table";

const TYPE_LABEL = {
  usage: "Usage-based",
  outcome: "Outcome-based",
  subscription: "Subscription",
  hybrid: "Hybrid",
} as const;

export function PlansTab({
  projectId,
  period,
  canManage,
  outcomeTypes,
}: {
  projectId: string;
  period: Period;
  canManage: boolean;
  outcomeTypes: string[];
}) {
  const plans = usePlansQuery(projectId);
  const [editing, setEditing] = useState<PlanInput | "new" | null>(null);
  const archive = useArchivePlan(projectId);
  const [history, setHistory] = useState<string | null>(null);
  if (plans.isPending)
    return (
      <div className="card">
        <TableSkeleton rows={3} />
      </div>
    );
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} what="plans" />;
  const active = plans.data.plans.filter((plan) => !plan.archived_at);
  return (
    <div className="stack">
      {editing !== null && canManage && (
        <PlanEditor
          key={editing === "new" ? "new" : editing.id}
          projectId={projectId}
          outcomeTypes={outcomeTypes}
          editing={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <section className="card" aria-label="Plans" data-testid="plans-list">
        <div className="card-header">
          <div style={{ flex: 1 }}>
            <h2>Pricing plans</h2>
            <p>How customers are charged. Usage-based, outcome-based, subscription or hybrid.</p>
          </div>
          {canManage && editing === null && (
            <button
              type="button"
              className="btn btn-primary btn-sm"
              onClick={() => setEditing("new")}
              data-testid="new-plan"
            >
              New plan
            </button>
          )}
        </div>
        {active.length === 0 ? (
          <p className="muted" style={{ padding: "16px 20px" }}>
            No plans yet.
            {canManage ? " Create one to compute revenue and margins." : " Finance or an admin can create them."}
          </p>
        ) : (
          <DataTable scroll columns={["Plan", "Type", "Pricing", {}, canManage && {}]}>
            {active.map((plan) => [
              <tr key={plan.id} data-plan={plan.id}>
                <td>
                  <strong>{plan.name}</strong> <span className="muted small">{plan.id}</span>
                </td>
                <td>{TYPE_LABEL[plan.type]}</td>
                <td className="small">{describePlan(plan.definition)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-expanded={history === plan.id}
                    onClick={() => setHistory(history === plan.id ? null : plan.id)}
                  >
                    History
                  </button>
                </td>
                {canManage && (
                  <td className="num">
                    <button type="button" className="btn btn-sm" onClick={() => setEditing(plan.definition)}>
                      Edit
                    </button>{" "}
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      disabled={archive.isPending}
                      title="Archived plans leave the pickers but keep pricing the history assigned to them"
                      onClick={() => archive.mutate(plan.id)}
                    >
                      Archive
                    </button>
                  </td>
                )}
              </tr>,
              history === plan.id && (
                <tr key={`${plan.id}-history`}>
                  <td colSpan={canManage ? 5 : 4}>
                    <PlanHistory projectId={projectId} planId={plan.id} />
                  </td>
                </tr>
              ),
            ])}
          </DataTable>
        )}
      </section>
      <AssignmentsPanel
        projectId={projectId}
        period={period}
        canManage={canManage}
        plans={active.map((plan) => ({ id: plan.id, name: plan.name }))}
      />
    </div>
  );
}

function AssignmentsPanel({
  projectId,
  period,
  canManage,
  plans,
}: {
  projectId: string;
  period: Period;
  canManage: boolean;
  plans: { id: string; name: string }[];
}) {
  const report = useMarginsQuery(projectId, period, null);
  const save = useSaveAssignments(projectId);
  const today = new Date().toISOString().slice(0, 10);
  const nextPeriod = nextBillingPeriodStart(today);
  const [draft, setDraft] = useState({ customer: "", plan_id: "", effective_from: nextPeriod });
  const [defaultDraft, setDefaultDraft] = useState({ plan_id: "", effective_from: nextPeriod });
  if (!report.data) return null;
  const assignments = report.data.assignments;
  const names = new Map(report.data.plans.map((plan) => [plan.id, plan.name]));
  const customers = report.data.customers.map((c) => c.customer).filter(Boolean);
  const defaults = assignments.filter((a) => a.customer === null);
  const overrides = assignments.filter((a) => a.customer !== null);
  const put = (next: AssignmentWire[]) => save.mutate(next);
  const upsert = (row: AssignmentWire) =>
    put([...assignments.filter((a) => !(a.customer === row.customer && a.effective_from === row.effective_from)), row]);
  return (
    <section className="card" aria-label="Plan assignments" data-testid="assignments">
      <div className="card-header">
        <div>
          <h2>Who is on which plan</h2>
          <p>
            The default plan applies to every customer without a plan of its own. Each change takes effect on its date;
            a change mid-month prorates fees and allowances by day.
          </p>
        </div>
      </div>
      <div className="card-body stack">
        <div>
          <h3>Default plan</h3>
          {defaults.length === 0 ? (
            <p className="muted small">No default plan: customers without their own plan are charged nothing.</p>
          ) : (
            <ul className="small">
              {defaults.map((a) => (
                <li key={a.effective_from}>
                  from {a.effective_from}:{" "}
                  <strong>{a.plan_id ? (names.get(a.plan_id) ?? a.plan_id) : "no plan"}</strong>
                  {canManage && (
                    <>
                      {" "}
                      <button
                        type="button"
                        className="btn-link small"
                        onClick={() => put(assignments.filter((x) => x !== a))}
                      >
                        remove
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canManage && (
            <form
              className="row"
              style={{ marginTop: 8 }}
              onSubmit={(e) => {
                e.preventDefault();
                upsert({
                  customer: null,
                  plan_id: defaultDraft.plan_id || null,
                  effective_from: defaultDraft.effective_from,
                });
              }}
            >
              <PlanFrom
                label="Default plan"
                noneLabel="(no plan)"
                plans={plans}
                draft={defaultDraft}
                onChange={setDefaultDraft}
                max="2100-12-31"
                testId="default-plan"
              />
              <button type="submit" className="btn btn-sm" disabled={save.isPending} data-testid="set-default-plan">
                Set default plan
              </button>
            </form>
          )}
        </div>
        <div>
          <h3>Customer plans</h3>
          {overrides.length === 0 ? (
            <p className="muted small">No customer has a plan of its own.</p>
          ) : (
            <DataTable scroll style={{ marginTop: 8 }} columns={["Customer", "Plan", "From", canManage && {}]}>
              {overrides.map((a) => (
                <tr key={`${a.customer}\u0000${a.effective_from}`}>
                  <td>{a.customer}</td>
                  <td>{a.plan_id ? (names.get(a.plan_id) ?? a.plan_id) : "back to the default"}</td>
                  <td>{a.effective_from}</td>
                  {canManage && (
                    <td className="num">
                      <button
                        type="button"
                        className="btn btn-sm"
                        onClick={() => put(assignments.filter((x) => x !== a))}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </DataTable>
          )}
          {canManage && (
            <form
              className="row"
              style={{ marginTop: 8 }}
              onSubmit={(e) => {
                e.preventDefault();
                upsert({
                  customer: draft.customer.trim(),
                  plan_id: draft.plan_id || null,
                  effective_from: draft.effective_from,
                });
              }}
            >
              <input
                className="input"
                list="known-customers"
                aria-label="Customer"
                placeholder="customer"
                value={draft.customer}
                onChange={(e) => setDraft({ ...draft, customer: e.target.value })}
                style={{ width: 200 }}
              />
              <datalist id="known-customers">
                {customers.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
              <PlanFrom
                label="Customer plan"
                noneLabel="back to the default"
                plans={plans}
                draft={draft}
                onChange={setDraft}
                max={today > "2100-12-31" ? today : "2100-12-31"}
              />
              <button type="submit" className="btn btn-sm" disabled={save.isPending || !draft.customer.trim()}>
                Assign
              </button>
            </form>
          )}
        </div>
        {save.error && (
          <div className="alert alert-error" role="alert">
            {save.error.message}
          </div>
        )}
        {save.isSuccess && (
          <div className={`alert alert-good ${styles.small ?? ""}`} role="status">
            Assignments saved; margins are recomputed.
          </div>
        )}
      </div>
    </section>
  );
}

/** A plan and the day it starts charging, as the default plan's and a customer's forms pick them. */
function PlanFrom<Draft extends { plan_id: string; effective_from: string }>({
  label,
  noneLabel,
  plans,
  draft,
  onChange,
  max,
  testId,
}: {
  label: string;
  noneLabel: string;
  plans: { id: string; name: string }[];
  draft: Draft;
  onChange: (draft: Draft) => void;
  max: string;
  testId?: string;
}) {
  return (
    <>
      <select
        className="select"
        aria-label={label}
        value={draft.plan_id}
        onChange={(e) => onChange({ ...draft, plan_id: e.target.value })}
        style={{ width: "auto" }}
        data-testid={testId}
      >
        <option value="">{noneLabel}</option>
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label className="row small">
        from{" "}
        <input
          className="input"
          type="date"
          aria-label={`${label} effective from`}
          value={draft.effective_from}
          max={max}
          onChange={(e) => onChange({ ...draft, effective_from: e.target.value })}
          style={{ width: "auto" }}
        />
      </label>
    </>
  );
}
