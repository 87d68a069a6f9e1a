"use client";

/** Filter selects fed by the period's own values of a dimension (from the costs endpoint). */
import { useCostsQuery } from "@/lib/query/hooks";
import { DIMENSION_INFO, type DimensionKind } from "./scope";
import { UNATTRIBUTED_LABEL } from "@/lib/charts";

export function DimensionFilter({
  projectId,
  range,
  kind,
  value,
  onChange,
  loadOptions,
}: {
  projectId: string;
  range: Record<string, string>;
  kind: DimensionKind;
  value: string | undefined;
  onChange: (next: string | null) => void;
  /** False until the page's own data is on screen: the options are a read nobody waits for. */
  loadOptions: boolean;
}) {
  const options = useCostsQuery(
    projectId,
    { ...range, group_by: kind, sort: "key", order: "asc" },
    { enabled: loadOptions },
  );
  const info = DIMENSION_INFO[kind];
  const keys = [...new Set((options.data?.rows ?? []).map((row) => row.key))];
  if (value !== undefined && !keys.includes(value)) keys.unshift(value);
  return (
    <>
      <label className="visually-hidden" htmlFor={`filter-${kind}`}>
        Filter by {info.singular}
      </label>
      <select
        id={`filter-${kind}`}
        className="select"
        value={value ?? "*"}
        onChange={(event) => onChange(event.target.value === "*" ? null : event.target.value)}
        data-testid={`filter-${kind}`}
      >
        <option value="*">All {info.plural}</option>
        {keys.map((key) => (
          <option key={key || "(unset)"} value={key}>
            {key === "" ? UNATTRIBUTED_LABEL : key}
          </option>
        ))}
      </select>
    </>
  );
}
