"use client";

import type { FormEvent } from "react";

interface SimpleField {
  name: string;
  label: string;
  type?: "text" | "date" | "number";
  placeholder?: string;
  required?: boolean;
  width?: number;
}

/** A one-row form of a few fields for the small resources (aliases, GPU rates, pools). */
export function SimpleForm({
  label,
  fields,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  label: string;
  fields: SimpleField[];
  submitLabel: string;
  pending: boolean;
  error: string | null;
  onSubmit: (values: Record<string, string>, form: HTMLFormElement) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onSubmit(
      Object.fromEntries(fields.map((field) => [field.name, String(data.get(field.name) ?? "").trim()])),
      event.currentTarget,
    );
  }
  return (
    <form
      className="card-body stack-sm"
      onSubmit={submit}
      aria-label={label}
      style={{ borderTop: "1px solid var(--border)" }}
    >
      <div className="row" style={{ alignItems: "flex-end", gap: 12 }}>
        {fields.map((field) => (
          <div key={field.name} className="field" style={{ flex: `1 1 ${field.width ?? 140}px` }}>
            <label htmlFor={`${label}-${field.name}`}>{field.label}</label>
            <input
              id={`${label}-${field.name}`}
              name={field.name}
              className="input"
              type={field.type ?? "text"}
              placeholder={field.placeholder}
              required={field.required}
              aria-invalid={error?.startsWith(field.name) ? true : undefined}
            />
          </div>
        ))}
        <button type="submit" className="btn" disabled={pending}>
          {submitLabel}
        </button>
      </div>
      {error && <div className="alert alert-error">{error}</div>}
    </form>
  );
}
