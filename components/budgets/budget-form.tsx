"use client";

import { useState, type FormEvent } from "react";
import { SelectField, TextField } from "@/components/form-field";
import { formErrors } from "@/components/form-errors";
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
    <TextField
      id={id}
      label={dim[0]!.toUpperCase() + dim.slice(1)}
      list={`${id}-values`}
      value={value}
      placeholder="Any"
      onChange={(e) => onChange(e.target.value)}
      after={
        <>
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
        </>
      }
    />
  );
}

const list = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);

/** The fields of the form by their names in the request, where the API's reasons are shown. */
const FIELDS = ["name", "amount", "from", "to", "actual_thresholds", "forecast_thresholds"];

export function BudgetForm({
  projectId,
  onCreate,
  error,
  pending,
}: {
  projectId: string;
  onCreate: (body: Record<string, unknown>) => void;
  error: Error | null;
  pending: boolean;
}) {
  const errors = formErrors(error, FIELDS);
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
        <TextField
          id="budget-name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.of("name")}
          required
        />
        <TextField
          id="budget-amount"
          label="Amount (USD)"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          placeholder="2500.00"
          error={errors.of("amount")}
          required
        />
        <SelectField id="budget-period" label="Period" value={period} onChange={(e) => setPeriod(e.target.value)}>
          <option value="month">Calendar month</option>
          <option value="quarter">Calendar quarter</option>
          <option value="custom">Custom range</option>
        </SelectField>
        {period === "custom" && (
          <>
            <TextField
              id="budget-from"
              label="From"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              error={errors.of("from")}
            />
            <TextField
              id="budget-to"
              label="To"
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              error={errors.of("to")}
            />
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
        <SelectField id="budget-basis" label="Cost basis" value={basis} onChange={(e) => setBasis(e.target.value)}>
          <option value="usage">Usage cost</option>
          <option value="fully_loaded">Fully loaded (GPU idle included)</option>
        </SelectField>
        <TextField
          id="budget-actual"
          label="Thresholds on spend (%)"
          value={actual}
          onChange={(e) => setActual(e.target.value)}
          error={errors.of("actual_thresholds")}
        />
        <TextField
          id="budget-forecast"
          label="Thresholds on forecast (%)"
          value={forecast}
          onChange={(e) => setForecast(e.target.value)}
          error={errors.of("forecast_thresholds")}
        />
      </div>
      {errors.banner && (
        <div className="alert alert-error" role="alert">
          {errors.banner}
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
