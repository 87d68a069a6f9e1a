"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { TextField } from "@/components/form-field";
import { saveAttributionAction } from "@/lib/actions/attribution";

const split = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);

/** The project's OpenTelemetry attribute names for customer and feature, tried before the defaults. */
export function AttributionForm({
  org,
  project,
  customer,
  feature,
  canManage,
}: {
  org: string;
  project: string;
  customer: readonly string[];
  feature: readonly string[];
  canManage: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await saveAttributionAction({
        org,
        project,
        customer: split(form.get("customer")),
        feature: split(form.get("feature")),
      });
      setMessage(
        result.ok
          ? { ok: true, text: "Saved: export requests use these names within 30 seconds." }
          : { ok: false, text: `${result.field ? `${result.field}: ` : ""}${result.message}` },
      );
      if (result.ok) router.refresh();
    });
  }

  return (
    <form className="card" onSubmit={save} aria-label="OpenTelemetry attribution">
      <div className="card-header">
        <h2>OpenTelemetry attribution</h2>
      </div>
      <div className="card-body stack">
        <p className="muted small">
          Span or resource attributes that name the customer and the feature of a GenAI span, comma-separated, tried
          before <code className="code-inline">inferledger.customer</code> and{" "}
          <code className="code-inline">inferledger.feature</code>.
        </p>
        <div className="row" style={{ gap: 24, alignItems: "flex-start" }}>
          <TextField
            id="otlp-customer"
            label="Customer attributes"
            fieldStyle={{ flex: "1 1 260px" }}
            name="customer"
            defaultValue={customer.join(", ")}
            placeholder="e.g. app.tenant_id, enduser.id"
            disabled={!canManage}
          />
          <TextField
            id="otlp-feature"
            label="Feature attributes"
            fieldStyle={{ flex: "1 1 260px" }}
            name="feature"
            defaultValue={feature.join(", ")}
            placeholder="e.g. app.feature"
            disabled={!canManage}
          />
        </div>
        {message && (
          <div className={`alert ${message.ok ? "alert-info" : "alert-error"}`} role={message.ok ? "status" : "alert"}>
            {message.text}
          </div>
        )}
        {canManage && (
          <div>
            <button className="btn btn-primary" type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
