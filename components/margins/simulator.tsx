"use client";

import { useState } from "react";
import { compareMoney } from "@/lib/format";
import type { ScenarioDefinitionWire as ScenarioInput } from "@/lib/margins/wire";
import {
  useCompareScenarios,
  useDeleteScenario,
  useRunScenario,
  useSaveScenario,
  useScenariosQuery,
  type MarginOptions,
  type Period,
} from "@/lib/query/hooks/margins";
import { Figure, MarginPct, Money } from "./figures";
import styles from "./margins.module.css";

type Change = ScenarioInput["changes"][number];
type PriceKind = "set_markup" | "set_outcome_price" | "set_monthly_fee" | "set_request_price" | "set_token_price";

const PRICE_KINDS: { kind: PriceKind; label: string }[] = [
  { kind: "set_markup", label: "markup %" },
  { kind: "set_outcome_price", label: "price per outcome" },
  { kind: "set_monthly_fee", label: "monthly fee" },
  { kind: "set_request_price", label: "price per request" },
  { kind: "set_token_price", label: "price per million tokens" },
];

function describeChange(change: Change): string {
  switch (change.kind) {
    case "set_markup":
      return `${change.plan_id}: markup ${change.markup_percent}%`;
    case "set_outcome_price":
      return `${change.plan_id}: $${change.price} per ${change.outcome_type}`;
    case "set_monthly_fee":
      return `${change.plan_id}: $${change.monthly_fee} per month`;
    case "set_request_price":
      return `${change.plan_id}: $${change.price_per_request} per request`;
    case "set_token_price":
      return `${change.plan_id}: $${change.price_per_million}/M ${[change.model, change.token_class].filter(Boolean).join(" ") || "tokens"}`;
    case "replace_plan":
      return `replace plan ${change.plan.id}`;
    case "move_feature_model":
      return `${change.feature}: ${change.from_model} → ${change.to_model}`;
    case "cache_hit_rate":
      return `cache hit rate ${Math.round(Number(change.rate) * 100)}%${change.feature ? ` on ${change.feature}` : ""}`;
  }
}

export function Simulator({
  projectId,
  period,
  canManage,
  options,
  plans,
}: {
  projectId: string;
  period: Period;
  canManage: boolean;
  options: MarginOptions | undefined;
  plans: { id: string; name: string; type: string }[];
}) {
  const [changes, setChanges] = useState<Change[]>([]);
  const [name, setName] = useState("");
  const run = useRunScenario(projectId);
  const save = useSaveScenario(projectId);
  const scenario = { name: name.trim() || "Unsaved scenario", changes };
  const add = (change: Change) => setChanges((list) => [...list, change]);

  return (
    <div className="stack" data-testid="simulator">
      <section className="card" aria-label="Scenario">
        <div className="card-header">
          <div>
            <h2>Simulator</h2>
            <p>
              Replay this period’s real usage with different prices, a cheaper model or more prompt caching. Nothing is
              changed until you save a plan.
            </p>
          </div>
        </div>
        <div className="card-body stack">
          <PriceChange plans={plans} outcomeTypes={options?.outcome_types ?? []} onAdd={add} />
          <ModelMove options={options} onAdd={add} />
          <CacheChange features={[...new Set((options?.feature_models ?? []).map((f) => f.feature))]} onAdd={add} />
          <div>
            <h3>Changes, applied in order</h3>
            {changes.length === 0 ? (
              <p className="muted small">No changes yet: add one above.</p>
            ) : (
              <ol className="small" data-testid="scenario-changes">
                {changes.map((change, index) => (
                  <li key={index}>
                    {describeChange(change)}{" "}
                    <button
                      type="button"
                      className="btn-link small"
                      onClick={() => setChanges(changes.filter((_, i) => i !== index))}
                    >
                      remove
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </div>
          <div className="row">
            <input
              className="input"
              aria-label="Scenario name"
              placeholder="Scenario name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              style={{ width: 260 }}
            />
            <button
              type="button"
              className="btn btn-primary"
              disabled={changes.length === 0 || run.isPending}
              onClick={() => run.mutate({ period, scenario })}
              data-testid="run-scenario"
            >
              {run.isPending ? "Running…" : "Run on real history"}
            </button>
            {canManage && (
              <button
                type="button"
                className="btn"
                disabled={changes.length === 0 || !name.trim() || save.isPending}
                onClick={() => save.mutate(scenario)}
                data-testid="save-scenario"
              >
                Save scenario
              </button>
            )}
          </div>
          {(run.error ?? save.error) && (
            <div className="alert alert-error" role="alert">
              {(run.error ?? save.error)!.message}
            </div>
          )}
          {save.isSuccess && (
            <div className="alert alert-good" role="status">
              Saved “{save.data.scenario.name}”.
            </div>
          )}
        </div>
      </section>
      {run.data && <SimulationResult data={run.data} />}
      <SavedScenarios
        projectId={projectId}
        period={period}
        canManage={canManage}
        onLoad={(definition) => {
          setName(definition.name);
          setChanges(definition.changes);
        }}
      />
    </div>
  );
}

function PriceChange({
  plans,
  outcomeTypes,
  onAdd,
}: {
  plans: { id: string; name: string; type: string }[];
  outcomeTypes: string[];
  onAdd: (change: Change) => void;
}) {
  const [planId, setPlanId] = useState("");
  const [kind, setKind] = useState<PriceKind>("set_markup");
  const [value, setValue] = useState("");
  const [outcomeType, setOutcomeType] = useState(outcomeTypes[0] ?? "");
  const plan = planId || plans[0]?.id || "";
  const build = (): Change => {
    switch (kind) {
      case "set_markup":
        return { kind, plan_id: plan, markup_percent: value.trim() };
      case "set_outcome_price":
        return { kind, plan_id: plan, outcome_type: outcomeType.trim(), price: value.trim() };
      case "set_monthly_fee":
        return { kind, plan_id: plan, monthly_fee: value.trim() };
      case "set_request_price":
        return { kind, plan_id: plan, price_per_request: value.trim() };
      case "set_token_price":
        return { kind, plan_id: plan, price_per_million: value.trim() };
    }
  };
  if (plans.length === 0) return <p className="muted small">Create a plan to simulate price changes.</p>;
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onAdd(build());
      }}
    >
      <strong className="small">Change a price:</strong>
      <select
        className="select"
        aria-label="Plan to change"
        value={plan}
        onChange={(e) => setPlanId(e.target.value)}
        style={{ width: "auto" }}
      >
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Price to change"
        value={kind}
        onChange={(e) => setKind(e.target.value as PriceKind)}
        style={{ width: "auto" }}
      >
        {PRICE_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {kind === "set_outcome_price" && (
        <input
          className="input"
          aria-label="Outcome type"
          list="sim-outcome-types"
          value={outcomeType}
          onChange={(e) => setOutcomeType(e.target.value)}
          style={{ width: 170 }}
        />
      )}
      <datalist id="sim-outcome-types">
        {outcomeTypes.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <input
        className="input"
        aria-label="New value"
        placeholder={kind === "set_markup" ? "%" : "USD"}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        style={{ width: 110 }}
      />
      <button type="submit" className="btn btn-sm">
        Add
      </button>
    </form>
  );
}

function ModelMove({ options, onAdd }: { options: MarginOptions | undefined; onAdd: (change: Change) => void }) {
  const pairs = options?.feature_models ?? [];
  const [pair, setPair] = useState("");
  const [toModel, setToModel] = useState("");
  const chosen = pairs.find((p) => `${p.feature}\u0000${p.model}` === pair) ?? pairs[0];
  if (!options) return null;
  if (pairs.length === 0) return <p className="muted small">No usage in this period to move to another model.</p>;
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen && toModel)
          onAdd({ kind: "move_feature_model", feature: chosen.feature, from_model: chosen.model, to_model: toModel });
      }}
    >
      <strong className="small">Move a feature to another model:</strong>
      <select
        className="select"
        aria-label="Feature and current model"
        value={chosen ? `${chosen.feature}\u0000${chosen.model}` : ""}
        onChange={(e) => setPair(e.target.value)}
        style={{ width: "auto", maxWidth: 320 }}
        data-testid="move-from"
      >
        {pairs.map((p) => (
          <option key={`${p.feature}\u0000${p.model}`} value={`${p.feature}\u0000${p.model}`}>
            {p.feature || "(no feature)"} on {p.model}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Target model from the price book"
        value={toModel}
        onChange={(e) => setToModel(e.target.value)}
        style={{ width: "auto", maxWidth: 360 }}
        data-testid="move-to"
      >
        <option value="">(choose a model, cheapest first)</option>
        {options.models.map((m) => (
          <option key={`${m.provider}:${m.model}`} value={m.model}>
            {m.model} ({m.provider}) · ${m.input_per_million} in / ${m.output_per_million} out per M
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-sm" disabled={!toModel} data-testid="add-move">
        Add
      </button>
    </form>
  );
}

function CacheChange({ features, onAdd }: { features: string[]; onAdd: (change: Change) => void }) {
  const [rate, setRate] = useState("50");
  const [feature, setFeature] = useState("");
  const ratio = Number(rate) / 100;
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (ratio >= 0 && ratio <= 1)
          onAdd({
            kind: "cache_hit_rate",
            rate: String(Number(ratio.toFixed(6))),
            mode: "target",
            ...(feature ? { feature } : {}),
          });
      }}
    >
      <strong className="small">Assume a cache hit rate of</strong>
      <input
        className="input"
        aria-label="Cache hit rate (%)"
        value={rate}
        onChange={(e) => setRate(e.target.value)}
        style={{ width: 70 }}
      />
      %<span className="small">of input tokens on</span>
      <select
        className="select"
        aria-label="Feature for the cache assumption"
        value={feature}
        onChange={(e) => setFeature(e.target.value)}
        style={{ width: "auto" }}
      >
        <option value="">every feature</option>
        {features.map((f) => (
          <option key={f} value={f}>
            {f || "(no feature)"}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-sm" disabled={!(ratio >= 0 && ratio <= 1)}>
        Add
      </button>
    </form>
  );
}

const SHOWN = 15;

function SimulationResult({ data }: { data: NonNullable<ReturnType<typeof useRunScenario>["data"]> }) {
  const { totals } = data;
  const [all, setAll] = useState(false);
  const changed = data.customers.filter((c) => c.delta.cost !== "0.00" || c.delta.revenue !== "0.00");
  const ranked = [...(changed.length ? changed : data.customers)].sort(
    (a, b) => compareMoney(absolute(b.delta.margin), absolute(a.delta.margin)) || a.customer.localeCompare(b.customer),
  );
  const rows = all ? ranked : ranked.slice(0, SHOWN);
  return (
    <section className="card" aria-label="Simulation result" data-testid="simulation-result">
      <div className="card-header">
        <div>
          <h2>Before and after: {data.scenario.name}</h2>
          <p title={data.explanation}>{data.explanation}</p>
        </div>
      </div>
      <div className={styles.compareTotals}>
        <Figure label="Cost">
          <Money value={totals.before.cost} /> → <Money value={totals.after.cost} />{" "}
          <Money value={totals.delta.cost} signed="inverse" testId="sim-delta-cost" />
        </Figure>
        <Figure label="Revenue">
          <Money value={totals.before.revenue} /> → <Money value={totals.after.revenue} />
        </Figure>
        <Figure label="Margin">
          <Money value={totals.before.margin} /> → <Money value={totals.after.margin} />{" "}
          <Money value={totals.delta.margin} signed testId="sim-delta-margin" />
        </Figure>
      </div>
      {data.unpriced.length > 0 && (
        <div className="alert alert-warn" style={{ margin: "0 20px 12px" }}>
          {data.unpriced
            .map(
              (u) =>
                `${u.rows} day(s) of ${u.feature} could not be priced on ${u.to_model}; they were left on ${u.model}.`,
            )
            .join(" ")}
        </div>
      )}
      <div className={styles.tableWrap}>
        <table className="data">
          <thead>
            <tr>
              <th>Customer</th>
              <th className="num">Cost before</th>
              <th className="num">Cost after</th>
              <th className="num">Revenue after</th>
              <th className="num">Margin before</th>
              <th className="num">Margin after</th>
              <th className="num">Δ margin</th>
              <th className="num">Margin % after</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.customer}>
                <td style={{ whiteSpace: "nowrap" }}>{c.customer || "(no customer)"}</td>
                <td className="num">
                  <Money value={c.before.cost} />
                </td>
                <td className="num">
                  <Money value={c.after.cost} />
                </td>
                <td className="num">
                  <Money value={c.after.revenue} />
                </td>
                <td className="num">
                  <Money value={c.before.margin} />
                </td>
                <td className="num">
                  <Money value={c.after.margin} />
                </td>
                <td className="num">
                  <Money value={c.delta.margin} signed />
                </td>
                <td className="num">
                  <MarginPct value={c.after.margin_pct} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small row" style={{ padding: "8px 20px" }}>
        {ranked.length > SHOWN && (
          <button type="button" className="btn-link small" onClick={() => setAll(!all)}>
            {all ? `Show the ${SHOWN} largest changes` : `Show all ${ranked.length} changed customers`}
          </button>
        )}
        {ranked.length > SHOWN && !all && <span>Largest margin changes first.</span>}
        {changed.length > 0 && changed.length < data.customers.length && (
          <span>{data.customers.length - changed.length} customers are unchanged by this scenario.</span>
        )}
      </p>
    </section>
  );
}

function SavedScenarios({
  projectId,
  period,
  canManage,
  onLoad,
}: {
  projectId: string;
  period: Period;
  canManage: boolean;
  onLoad: (definition: ScenarioInput) => void;
}) {
  const list = useScenariosQuery(projectId);
  const compare = useCompareScenarios(projectId);
  const remove = useDeleteScenario(projectId);
  const [picked, setPicked] = useState<string[]>([]);
  const scenarios = list.data?.scenarios ?? [];
  return (
    <section className="card" aria-label="Saved scenarios" data-testid="saved-scenarios">
      <div className="card-header">
        <div style={{ flex: 1 }}>
          <h2>Saved scenarios</h2>
          <p>Pick two or more to compare their totals over this period.</p>
        </div>
        <button
          type="button"
          className="btn btn-sm"
          disabled={picked.length === 0 || compare.isPending}
          onClick={() => compare.mutate({ period, ids: picked })}
          data-testid="compare-scenarios"
        >
          Compare
        </button>
      </div>
      {scenarios.length === 0 ? (
        <p className="muted" style={{ padding: "16px 20px" }}>
          No saved scenarios.
        </p>
      ) : (
        <ul className={styles.list}>
          {scenarios.map((s) => (
            <li key={s.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={picked.includes(s.id)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, s.id] : picked.filter((id) => id !== s.id))}
                />
                {s.name}
              </label>
              <span className="small muted">{s.definition.changes.map(describeChange).join("; ")}</span>
              <span>
                <button type="button" className="btn btn-sm" onClick={() => onLoad(s.definition)}>
                  Load
                </button>
                {canManage && (
                  <>
                    {" "}
                    <button type="button" className="btn btn-sm btn-danger" onClick={() => remove.mutate(s.id)}>
                      Delete
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {compare.error && (
        <div className="alert alert-error" style={{ margin: 16 }}>
          {compare.error.message}
        </div>
      )}
      {compare.data && (
        <table className="data" data-testid="scenario-comparison">
          <thead>
            <tr>
              <th>Scenario</th>
              <th className="num">Cost</th>
              <th className="num">Revenue</th>
              <th className="num">Margin</th>
              <th className="num">Margin %</th>
              <th className="num">Δ margin</th>
            </tr>
          </thead>
          <tbody>
            <tr className="dim">
              <td>Baseline (computed revenue)</td>
              <td className="num">
                <Money value={compare.data.baseline.cost} />
              </td>
              <td className="num">
                <Money value={compare.data.baseline.revenue} />
              </td>
              <td className="num">
                <Money value={compare.data.baseline.margin} />
              </td>
              <td className="num">
                <MarginPct value={compare.data.baseline.margin_pct} />
              </td>
              <td />
            </tr>
            {compare.data.scenarios.map((row) =>
              row.ok ? (
                <tr key={row.id}>
                  <td>{row.name}</td>
                  <td className="num">
                    <Money value={row.after.cost} />
                  </td>
                  <td className="num">
                    <Money value={row.after.revenue} />
                  </td>
                  <td className="num">
                    <Money value={row.after.margin} />
                  </td>
                  <td className="num">
                    <MarginPct value={row.after.margin_pct} />
                  </td>
                  <td className="num">
                    <Money value={row.delta.margin} signed />
                  </td>
                </tr>
              ) : (
                <tr key={row.id}>
                  <td>{row.name}</td>
                  <td colSpan={5} className="field-error">
                    {row.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

function absolute(usd: string): string {
  return usd.startsWith("-") ? usd.slice(1) : usd;
}
