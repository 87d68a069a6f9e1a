"use client";

import { useState, type FormEvent } from "react";
import type { AlertPreference } from "@/lib/alerts/contracts";
import { useAlertPreference, useSaveAlertPreference } from "@/lib/query/hooks/alerts";
import { SeverityThresholdOptions } from "./severity-options";

/** The signed-in member's own alert emails: every member sets theirs, whatever their role. */
export function PreferencePanel({ projectId }: { projectId: string }) {
  const preference = useAlertPreference(projectId);
  const current = preference.data;
  // The mutation lives here, not in the form: a save refetches the preference, which remounts
  // the form, and a mutation's state (the "Saved." line) would go with it.
  const save = useSaveAlertPreference(projectId);
  if (preference.isError) {
    return (
      <div className="alert alert-error" role="alert">
        Could not load your alert emails: {preference.error.message}
      </div>
    );
  }
  // Keyed on the stored preference, so the form starts from it once loaded and after each save.
  return <PreferenceForm key={JSON.stringify(current ?? null)} current={current ?? null} save={save} />;
}

function PreferenceForm({
  current,
  save,
}: {
  current: AlertPreference | null;
  save: ReturnType<typeof useSaveAlertPreference>;
}) {
  const [budgetAlerts, setBudgetAlerts] = useState(current?.budget_alerts ?? false);
  const [severity, setSeverity] = useState(current?.anomaly_min_severity ?? "none");
  const saved = save.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ budget_alerts: budgetAlerts, anomaly_min_severity: severity === "none" ? null : severity });
  };

  return (
    <section className="card" aria-label="My alert emails">
      <div className="card-header">
        <div>
          <h2 style={{ fontSize: 15, margin: 0 }}>My alert emails</h2>
          <p>
            {current
              ? `Alerts you choose here go to ${current.email}, besides the organisation's channels.`
              : "Alerts you choose here go to your own address."}
          </p>
        </div>
      </div>
      <form className="card-body row" onSubmit={submit}>
        {current?.disabled_reason && (
          <div className="alert alert-error">
            Your alert emails were turned off: {current.disabled_reason}. Saving turns them on again.
          </div>
        )}
        <label className="row">
          <input
            type="checkbox"
            checked={budgetAlerts}
            onChange={(e) => {
              setBudgetAlerts(e.target.checked);
              save.reset(); // a change hides the last save's confirmation
            }}
          />{" "}
          Budget alerts
        </label>
        <label className="row">
          Incidents
          <select
            className="select"
            value={severity}
            onChange={(e) => {
              setSeverity(e.target.value);
              save.reset(); // a change hides the last save's confirmation
            }}
            aria-label="Incident emails"
          >
            <SeverityThresholdOptions noneLabel="No incident emails" />
          </select>
        </label>
        <button className="btn" type="submit" disabled={save.isPending || !current}>
          Save
        </button>
        {saved && <span className="muted small">Saved.</span>}
        {save.error && <span className="alert alert-error">{save.error.message}</span>}
      </form>
    </section>
  );
}
