"use client";

import { useState } from "react";
import { describePlan, emptyPlanForm, planFormOf, planInputOf, slugify, type PlanForm } from "@/lib/margins/plan-form";
import type { PlanDefinitionWire as PlanInput } from "@/lib/margins/wire";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { nextBillingPeriodStart } from "@/lib/margins/plan-versions";
import { useSavePlan } from "@/lib/query/hooks/margins";
import styles from "./margins.module.css";
import { ownsPath } from "@/components/form-errors";

const TYPES: { value: PlanInput["type"]; label: string; hint: string }[] = [
  { value: "usage", label: "Usage-based", hint: "per million tokens, cost plus a markup, or per request" },
  { value: "outcome", label: "Outcome-based", hint: "a price per outcome (ticket resolved, document generated…)" },
  { value: "subscription", label: "Subscription", hint: "a monthly fee with an allowance, then overage" },
  { value: "hybrid", label: "Hybrid", hint: "a monthly fee plus a price per outcome" },
];

/** Creates or edits a plan; the server's field-named errors are shown next to their fields. */
export function PlanEditor({
  projectId,
  outcomeTypes,
  editing,
  onDone,
}: {
  projectId: string;
  outcomeTypes: string[];
  editing: PlanInput | null;
  onDone: () => void;
}) {
  const [form, setForm] = useState<PlanForm>(() =>
    editing ? planFormOf(editing) : emptyPlanForm("outcome", outcomeTypes),
  );
  const save = useSavePlan(projectId);
  const nextPeriod = nextBillingPeriodStart(new Date().toISOString().slice(0, 10));
  const [effectiveFrom, setEffectiveFrom] = useState(nextPeriod);
  const [allowBackdate, setAllowBackdate] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  const backdated = editing !== null && effectiveFrom < nextPeriod;
  const errors = save.error?.fields ?? {};
  const set = (patch: Partial<PlanForm>) => setForm((current) => ({ ...current, ...patch }));
  const errorOf = (...paths: string[]) => paths.map((path) => errors[path]).find(Boolean);
  const otherErrors = Object.entries(errors).filter(([path]) => !KNOWN.some((known) => ownsPath(known, path)));
  const usageFields = form.type === "usage" || form.chargeUsage;
  const usagePrefix = form.type === "usage" ? "pricing" : form.type === "subscription" ? "overage" : "usage";

  return (
    <form
      className="card card-body stack"
      aria-label={editing ? `Edit ${editing.name}` : "New plan"}
      data-testid="plan-editor"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            plan: planInputOf(form),
            existing: editing !== null,
            ...(editing ? { effectiveFrom, allowBackdate: backdated && allowBackdate } : {}),
          },
          { onSuccess: (answer) => (answer.warnings.length ? setWarnings(answer.warnings) : onDone()) },
        );
      }}
    >
      <div className="row">
        <h2 style={{ flex: 1 }}>{editing ? `Edit “${editing.name}”` : "New plan"}</h2>
        <button type="button" className="btn btn-sm" onClick={onDone}>
          Cancel
        </button>
      </div>
      <fieldset>
        <legend>Type</legend>
        <div className="row">
          {TYPES.map((type) => (
            <label key={type.value} className="checkbox" title={type.hint}>
              <input
                type="radio"
                name="plan-type"
                value={type.value}
                checked={form.type === type.value}
                disabled={editing !== null}
                onChange={() => set({ type: type.value, chargeUsage: type.value === "subscription" })}
              />
              {type.label}
            </label>
          ))}
        </div>
        <p className="hint">{TYPES.find((t) => t.value === form.type)?.hint}</p>
      </fieldset>
      <div className={styles.formGrid}>
        <Field label="Name" error={errorOf("name")}>
          <input
            className="input"
            name="name"
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
            aria-invalid={!!errorOf("name")}
            placeholder="Per resolution"
          />
        </Field>
        <Field
          label="Id"
          error={errorOf("id")}
          hint={editing ? "fixed once created" : "leave empty to derive it from the name"}
        >
          <input
            className="input"
            name="id"
            value={form.id}
            disabled={editing !== null}
            onChange={(e) => set({ id: e.target.value })}
            aria-invalid={!!errorOf("id")}
            placeholder={slugify(form.name) || "per-resolution"}
          />
        </Field>
        {(form.type === "subscription" || form.type === "hybrid") && (
          <Field label="Monthly fee (USD)" error={errorOf("monthly_fee")}>
            <input
              className="input"
              name="monthlyFee"
              inputMode="decimal"
              value={form.monthlyFee}
              onChange={(e) => set({ monthlyFee: e.target.value })}
              aria-invalid={!!errorOf("monthly_fee")}
              placeholder="300"
            />
          </Field>
        )}
        {form.type === "subscription" && (
          <>
            <Field label="Included allowance" error={errorOf("allowance.amount", "allowance.unit", "allowance")}>
              <div className="row" style={{ flexWrap: "nowrap" }}>
                <input
                  className="input"
                  style={{ flex: 1 }}
                  name="allowanceAmount"
                  value={form.allowanceAmount}
                  onChange={(e) => set({ allowanceAmount: e.target.value })}
                  aria-invalid={!!errorOf("allowance.amount")}
                  placeholder="10000"
                />
                <select
                  className="select"
                  value={form.allowanceUnit}
                  onChange={(e) => set({ allowanceUnit: e.target.value as PlanForm["allowanceUnit"] })}
                  style={{ flex: "none", width: "auto" }}
                  aria-label="Allowance unit"
                >
                  <option value="requests">requests</option>
                  <option value="tokens">tokens</option>
                  <option value="cost">USD of cost</option>
                </select>
              </div>
            </Field>
          </>
        )}
      </div>

      {(form.type === "outcome" || form.type === "hybrid") && (
        <fieldset className="stack-sm">
          <legend>Price per outcome</legend>
          {errorOf("outcome_prices") && <p className="field-error">{errorOf("outcome_prices")}</p>}
          {form.outcomePrices.map((row, index) => (
            <div key={index} className={styles.rowInputs}>
              <div className="field">
                <input
                  className="input"
                  list="outcome-types"
                  aria-label="Outcome type"
                  name={`outcomeType-${index}`}
                  value={row.outcomeType}
                  aria-invalid={!!errorOf(`outcome_prices[${index}].outcome_type`)}
                  placeholder="ticket_resolved"
                  onChange={(e) =>
                    set({
                      outcomePrices: form.outcomePrices.map((r, i) =>
                        i === index ? { ...r, outcomeType: e.target.value } : r,
                      ),
                    })
                  }
                />
                {errorOf(`outcome_prices[${index}].outcome_type`) && (
                  <span className="field-error">{errorOf(`outcome_prices[${index}].outcome_type`)}</span>
                )}
              </div>
              <div className="field">
                <input
                  className="input"
                  aria-label="Price (USD)"
                  name={`outcomePrice-${index}`}
                  inputMode="decimal"
                  value={row.price}
                  aria-invalid={!!errorOf(`outcome_prices[${index}].price`)}
                  placeholder="0.99"
                  onChange={(e) =>
                    set({
                      outcomePrices: form.outcomePrices.map((r, i) =>
                        i === index ? { ...r, price: e.target.value } : r,
                      ),
                    })
                  }
                />
                {errorOf(`outcome_prices[${index}].price`) && (
                  <span className="field-error">{errorOf(`outcome_prices[${index}].price`)}</span>
                )}
              </div>
              <button
                type="button"
                className="btn btn-sm"
                aria-label="Remove outcome price"
                onClick={() => set({ outcomePrices: form.outcomePrices.filter((_, i) => i !== index) })}
              >
                ✕
              </button>
            </div>
          ))}
          <datalist id="outcome-types">
            {outcomeTypes.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
          <div>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => set({ outcomePrices: [...form.outcomePrices, { outcomeType: "", price: "" }] })}
            >
              Add outcome type
            </button>
          </div>
        </fieldset>
      )}

      {form.type !== "usage" && form.type !== "outcome" && (
        <label className="checkbox">
          <input type="checkbox" checked={form.chargeUsage} onChange={(e) => set({ chargeUsage: e.target.checked })} />
          {form.type === "subscription" ? "Charge usage past the allowance (overage)" : "Also charge usage"}
        </label>
      )}

      {usageFields && (
        <fieldset className="stack-sm">
          <legend>{form.type === "subscription" ? "Overage" : "Usage pricing"}</legend>
          <div className="row">
            {(["markup", "tokens", "requests"] as const).map((basis) => (
              <label key={basis} className="checkbox">
                <input
                  type="radio"
                  name="usage-basis"
                  checked={form.usageBasis === basis}
                  onChange={() => set({ usageBasis: basis })}
                />
                {basis === "markup" ? "Cost plus markup" : basis === "tokens" ? "Per million tokens" : "Per request"}
              </label>
            ))}
          </div>
          {form.usageBasis === "markup" && (
            <Field
              label="Markup (%)"
              error={errorOf(`${usagePrefix}.markup_percent`)}
              hint="negative for a discount on cost"
            >
              <input
                className="input"
                name="markupPercent"
                value={form.markupPercent}
                onChange={(e) => set({ markupPercent: e.target.value })}
                aria-invalid={!!errorOf(`${usagePrefix}.markup_percent`)}
                style={{ maxWidth: 160 }}
              />
            </Field>
          )}
          {form.usageBasis === "requests" && (
            <Field label="Price per request (USD)" error={errorOf(`${usagePrefix}.price_per_request`)}>
              <input
                className="input"
                name="pricePerRequest"
                value={form.pricePerRequest}
                onChange={(e) => set({ pricePerRequest: e.target.value })}
                aria-invalid={!!errorOf(`${usagePrefix}.price_per_request`)}
                style={{ maxWidth: 160 }}
              />
            </Field>
          )}
          {form.usageBasis === "tokens" && (
            <>
              {form.rates.map((rate, index) => {
                const at = `${usagePrefix}.rates[${index}]`;
                return (
                  <div key={index} className={styles.rateInputs}>
                    <input
                      className="input"
                      aria-label="Model (empty: any)"
                      placeholder="model (empty: any)"
                      value={rate.model}
                      onChange={(e) =>
                        set({ rates: form.rates.map((r, i) => (i === index ? { ...r, model: e.target.value } : r)) })
                      }
                    />
                    <select
                      className="select"
                      aria-label="Token class"
                      value={rate.tokenClass}
                      onChange={(e) =>
                        set({
                          rates: form.rates.map((r, i) =>
                            i === index ? { ...r, tokenClass: e.target.value as typeof r.tokenClass } : r,
                          ),
                        })
                      }
                    >
                      <option value="">any token class</option>
                      {TOKEN_CLASSES.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                    <div className="field">
                      <input
                        className="input"
                        aria-label="USD per million tokens"
                        placeholder="$ per million"
                        value={rate.pricePerMillion}
                        aria-invalid={!!errorOf(`${at}.price_per_million`, at)}
                        onChange={(e) =>
                          set({
                            rates: form.rates.map((r, i) =>
                              i === index ? { ...r, pricePerMillion: e.target.value } : r,
                            ),
                          })
                        }
                      />
                      {errorOf(`${at}.price_per_million`, at) && (
                        <span className="field-error">{errorOf(`${at}.price_per_million`, at)}</span>
                      )}
                    </div>
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label="Remove rate"
                      onClick={() => set({ rates: form.rates.filter((_, i) => i !== index) })}
                    >
                      ✕
                    </button>
                  </div>
                );
              })}
              {errorOf(`${usagePrefix}.rates`) && <p className="field-error">{errorOf(`${usagePrefix}.rates`)}</p>}
              <div>
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => set({ rates: [...form.rates, { model: "", tokenClass: "", pricePerMillion: "" }] })}
                >
                  Add rate
                </button>
              </div>
            </>
          )}
        </fieldset>
      )}

      {otherErrors.length > 0 && (
        <div className="alert alert-error" role="alert">
          <ul className={styles.errorList}>
            {otherErrors.map(([path, message]) => (
              <li key={path}>
                <code>{path}</code>: {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {save.error && Object.keys(errors).length === 0 && (
        <div className="alert alert-error" role="alert">
          {save.error.message}
        </div>
      )}
      {editing && (
        <fieldset data-testid="plan-effective">
          <legend>Takes effect</legend>
          <label className="field">
            <span className="label">From</span>
            <input
              type="date"
              className="input"
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.target.value)}
              data-testid="plan-effective-from"
            />
          </label>
          <p className="hint">
            The edit becomes a new version of the plan. By default it starts with the next billing period ({nextPeriod}
            ), so no month already charged changes; earlier months keep the version in force then.
          </p>
          {backdated && (
            <label className="alert alert-warn" style={{ display: "block" }}>
              <input
                type="checkbox"
                checked={allowBackdate}
                onChange={(e) => setAllowBackdate(e.target.checked)}
                data-testid="plan-allow-backdate"
              />{" "}
              Start on {effectiveFrom}, before the next billing period: revenue already charged from then on changes
              (closed months keep theirs).
            </label>
          )}
        </fieldset>
      )}
      {warnings.length > 0 && (
        <div className="alert alert-warn" role="status" data-testid="plan-warnings">
          Saved. {warnings.join(" ")}{" "}
          <button type="button" className="btn btn-sm" onClick={onDone}>
            Done
          </button>
        </div>
      )}
      <p className="hint">Preview: {safeDescribe(form)}</p>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="save-plan">
          {save.isPending ? "Saving…" : editing ? "Save plan" : "Create plan"}
        </button>
      </div>
    </form>
  );
}

const KNOWN = ["name", "id", "monthly_fee", "allowance", "outcome_prices", "pricing", "overage", "usage"];

function safeDescribe(form: PlanForm): string {
  try {
    return describePlan(planInputOf(form));
  } catch {
    return "—";
  }
}

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <label className="field">
      <span className="label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="hint">{hint}</span>
      ) : null}
    </label>
  );
}
