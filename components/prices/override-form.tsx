"use client";

import { useState, type FormEvent } from "react";
import type { Override } from "@/lib/pricing/contracts";
import { useSaveOverride } from "@/lib/query/hooks/prices";
import { errorText } from "./format";

export interface OverrideDraft {
  id?: string;
  provider: string;
  model: string;
  effective_from: string;
  effective_to?: string;
  prices: Partial<Record<PriceField, string>>;
  markup_pct?: string;
  note?: string;
}

const PRICE_FIELDS = [
  ["input", "Input"],
  ["cache_read", "Cache read"],
  ["cache_write_5m", "Cache write"],
  ["output", "Output"],
  ["reasoning", "Reasoning"],
] as const;
type PriceField = (typeof PRICE_FIELDS)[number][0];

/** Add or edit an override: prices in $ per million tokens, an optional markup (+) or discount (−). */
export function OverrideForm({
  projectId,
  draft,
  onDone,
  onCancel,
}: {
  projectId: string;
  draft: OverrideDraft;
  onDone: (saved: Override) => void;
  onCancel: () => void;
}) {
  const mutation = useSaveOverride(projectId, draft.id);
  const [localError, setLocalError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const prices = Object.fromEntries(
      PRICE_FIELDS.map(([field]) => [field, text(field)]).filter(([, value]) => value !== ""),
    );
    if (Object.keys(prices).length === 0) {
      setLocalError("usd_per_mtok: enter at least one price, e.g. input and output");
      return;
    }
    setLocalError(null);
    const body = {
      provider: text("provider"),
      model: text("model"),
      effective_from: text("effective_from"),
      effective_to: text("effective_to") || null,
      usd_per_mtok: prices,
      markup_pct: text("markup_pct") || null,
      note: text("note") || null,
    };
    mutation.mutate(body, { onSuccess: onDone });
  }

  const error = localError ?? errorText(mutation.error);
  const invalid = (field: string) => (error?.startsWith(field) ? true : undefined);
  return (
    <form
      className="card"
      onSubmit={submit}
      aria-label={draft.id ? "Edit price override" : "Add price override"}
      data-testid="override-form"
    >
      <div className="card-header">
        <strong>{draft.id ? "Edit override" : "Add a price override"}</strong>
        <p>Prices in $ per million tokens. Overrides win over the catalog inside their dates.</p>
      </div>
      <div className="card-body stack">
        <div className="row" style={{ alignItems: "flex-start", gap: 16 }}>
          <Field
            name="provider"
            label="Provider"
            value={draft.provider}
            invalid={invalid("provider")}
            width={160}
            required
          />
          <Field name="model" label="Model" value={draft.model} invalid={invalid("model")} width={260} required />
          <Field
            name="effective_from"
            label="Effective from"
            value={draft.effective_from}
            invalid={invalid("effective_from")}
            type="date"
            width={160}
            required
          />
          <Field
            name="effective_to"
            label="Until (optional)"
            value={draft.effective_to ?? ""}
            invalid={invalid("effective_to")}
            type="date"
            width={160}
          />
        </div>
        <div className="row" style={{ alignItems: "flex-start", gap: 16 }}>
          {PRICE_FIELDS.map(([field, label]) => (
            <Field
              key={field}
              name={field}
              label={`${label} $/M`}
              value={draft.prices[field] ?? ""}
              invalid={invalid(`usd_per_mtok.${field}`)}
              width={110}
              inputMode="decimal"
            />
          ))}
          <Field
            name="markup_pct"
            label="Markup %"
            value={draft.markup_pct ?? ""}
            invalid={invalid("markup_pct")}
            width={100}
            placeholder="-10 = discount"
          />
        </div>
        <Field
          name="note"
          label="Note"
          value={draft.note ?? ""}
          invalid={invalid("note")}
          placeholder="e.g. negotiated rate, fine-tuned model"
        />
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button className="btn btn-primary" type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : draft.id ? "Save override" : "Add override"}
          </button>
          <button className="btn" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </form>
  );
}

function Field(props: {
  name: string;
  label: string;
  value: string;
  invalid?: boolean;
  type?: string;
  width?: number;
  required?: boolean;
  placeholder?: string;
  inputMode?: "decimal";
}) {
  const id = `override-${props.name}`;
  return (
    <div className="field" style={props.width ? { flex: `0 1 ${props.width}px`, minWidth: 90 } : { flex: 1 }}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        className="input"
        type={props.type ?? "text"}
        defaultValue={props.value}
        required={props.required}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        aria-invalid={props.invalid}
      />
    </div>
  );
}
