"use client";

import { useState, type FormEvent } from "react";
import { useDimensionValues } from "@/lib/query/hooks/budgets";
import styles from "./budgets.module.css";

const DIMS = ["feature", "customer", "model", "provider"] as const;

function ScopePicker({
  projectId,
  dim,
  value,
  onChange,
}: {
  projectId: string;
  dim: (typeof DIMS)[number];
  value: string;
  onChange: (value: string) => void;
}) {
  const values = useDimensionValues(projectId, dim);
  const id = `budget-${dim}`;
  // A value that never sent an event is most often a typo: the budget would stay at $0 and never alert.
  const unseen = value.trim() !== "" && values.data !== undefined && !values.data.includes(value.trim());
  return (
    <div className="field">
      <label htmlFor={id}>{dim[0]!.toUpperCase() + dim.slice(1)}</label>
      <input
        id={id}
        className="input"
        list={`${id}-values`}
        value={value}
        placeholder="Any"
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-values`}>
        {(values.data ?? []).map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      {unseen && (
        <span className="hint" data-testid={`${id}-unseen`}>
          No {dim} “{value.trim()}” has sent events in the last 90 days: check the spelling.
        </span>
      )}
    </div>
  );
}

const list = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);

export function BudgetForm({
  projectId,
  onCreate,
  error,
  pending,
}: {
  projectId: string;
  onCreate: (body: Record<string, unknown>) => void;
  error: string | null;
  pending: boolean;
}) {
  const [name, setName] = useState("");
  const [amount, setAmount] = useState("");
  const [period, setPeriod] = useState("month");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [basis, setBasis] = useState("usage");
  const [actual, setActual] = useState("50, 80, 100");
  const [forecast, setForecast] = useState("100");
  const [scope, setScope] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = Object.fromEntries(Object.entries(scope).filter(([, v]) => v.trim() !== ""));
    onCreate({
      name,
      amount,
      period,
      ...(period === "custom" ? { from, to } : {}),
      scope: chosen,
      cost_basis: basis,
      actual_thresholds: list(actual),
      forecast_thresholds: list(forecast),
    });
  };
  return (
    <form className="card card-body stack-sm" onSubmit={submit} aria-label="New budget">
      <h3 style={{ margin: 0, fontSize: 15 }}>New budget</h3>
      <div className={styles.form}>
        <div className="field">
          <label htmlFor="budget-name">Name</label>
          <input id="budget-name" className="input" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="budget-amount">Amount (USD)</label>
          <input
            id="budget-amount"
            className="input"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            placeholder="2500.00"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="budget-period">Period</label>
          <select id="budget-period" className="select" value={period} onChange={(e) => setPeriod(e.target.value)}>
            <option value="month">Calendar month</option>
            <option value="quarter">Calendar quarter</option>
            <option value="custom">Custom range</option>
          </select>
        </div>
        {period === "custom" && (
          <>
            <div className="field">
              <label htmlFor="budget-from">From</label>
              <input
                id="budget-from"
                className="input"
                type="date"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="budget-to">To</label>
              <input id="budget-to" className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
          </>
        )}
        {DIMS.map((dim) => (
          <ScopePicker
            key={dim}
            projectId={projectId}
            dim={dim}
            value={scope[dim] ?? ""}
            onChange={(value) => setScope({ ...scope, [dim]: value })}
          />
        ))}
        <div className="field">
          <label htmlFor="budget-basis">Cost basis</label>
          <select id="budget-basis" className="select" value={basis} onChange={(e) => setBasis(e.target.value)}>
            <option value="usage">Usage cost</option>
            <option value="fully_loaded">Fully loaded (GPU idle included)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="budget-actual">Thresholds on spend (%)</label>
          <input id="budget-actual" className="input" value={actual} onChange={(e) => setActual(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="budget-forecast">Thresholds on forecast (%)</label>
          <input
            id="budget-forecast"
            className="input"
            value={forecast}
            onChange={(e) => setForecast(e.target.value)}
          />
        </div>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div>
        <button className="btn btn-primary" type="submit" disabled={pending}>
          Create budget
        </button>
      </div>
    </form>
  );
}
