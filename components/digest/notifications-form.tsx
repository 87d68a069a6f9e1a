"use client";

import { useActionState } from "react";
import { SelectField } from "@/components/form-field";
import { WEEKDAYS } from "@/lib/digest/settings";
import type { SaveState } from "@/lib/actions/notifications";

interface NotificationsFormProps {
  action: (previous: SaveState | null, form: FormData) => Promise<SaveState>;
  initial: { enabled: boolean; weekday: number; hour: number; timezone: string; projectId: string | null };
  projects: { id: string; name: string }[];
  timezones: string[];
}

export function NotificationsForm({ action, initial, projects, timezones }: NotificationsFormProps) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="stack" style={{ maxWidth: 520 }}>
      <div className="field">
        <span className="label">Weekly digest</span>
        <label className="checkbox">
          <input type="radio" name="enabled" value="on" defaultChecked={initial.enabled} /> On: email me every week
        </label>
        <label className="checkbox">
          <input type="radio" name="enabled" value="off" defaultChecked={!initial.enabled} /> Off
        </label>
      </div>
      <div className="row" style={{ gap: 16 }}>
        <SelectField id="weekday" label="Day" name="weekday" defaultValue={initial.weekday}>
          {WEEKDAYS.map((d, i) => (
            <option key={d} value={i + 1}>
              {d}
            </option>
          ))}
        </SelectField>
        <SelectField id="hour" label="Hour" name="hour" defaultValue={initial.hour}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {String(h).padStart(2, "0")}:00
            </option>
          ))}
        </SelectField>
        <SelectField
          id="timezone"
          label="Time zone"
          fieldStyle={{ flex: 1 }}
          name="timezone"
          defaultValue={initial.timezone}
        >
          {timezones.map((tz) => (
            <option key={tz} value={tz}>
              {tz}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        id="projectId"
        label="Project"
        name="projectId"
        defaultValue={initial.projectId ?? ""}
        after={
          <span className="hint">
            The digest covers the last complete week (Monday to Sunday) and arrives at the first scheduler run after
            your hour.
          </span>
        }
      >
        <option value="">The organisation&apos;s first project</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      {state && (
        <div className={`alert ${state.ok ? "alert-good" : "alert-error"}`} role="status">
          {state.message}
        </div>
      )}
      <div>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
