"use client";

import { useMemo } from "react";
import { useUrlState } from "@/components/url-state";
import { useMarginOptionsQuery, usePlansQuery, type Period } from "@/lib/query/hooks/margins";
import { comparedPlan, pricingTab, usesOptions, type PricingTab } from "./compare-choice";
import { MarginsOverview } from "./margins-overview";
import styles from "./margins.module.css";
import { PlansTab } from "./plans-tab";
import { RevenueImport } from "./revenue-import";
import { Simulator } from "./simulator";

interface PricingPageProps {
  projectId: string;
  period: Period;
  timezone: string;
  canManagePlans: boolean;
  canImportRevenue: boolean;
}

/**
 * The pricing & margin page: margins and plan comparison, plans, the simulator and revenue import.
 * The tab (`tab`) and the compared plan (`plan`) live in the URL, so a reload or a shared link
 * opens the same view.
 */
export function PricingPage({ projectId, period, timezone, canManagePlans, canImportRevenue }: PricingPageProps) {
  const url = useUrlState();
  const tab = pricingTab(url.get("tab"), canImportRevenue);
  const options = useMarginOptionsQuery(projectId, period, usesOptions(tab));
  const stored = usePlansQuery(projectId);
  const plans = useMemo(
    () =>
      (stored.data?.plans ?? []).map((plan) => ({
        id: plan.id,
        name: plan.name,
        type: plan.type,
        archived: plan.archived_at !== null,
      })),
    [stored.data],
  );
  const compareId = stored.data ? comparedPlan(url.get("plan"), plans) : undefined;
  const tabs: { id: PricingTab; label: string }[] = [
    { id: "margins", label: "Margins" },
    { id: "plans", label: "Plans" },
    { id: "simulator", label: "Simulator" },
    ...(canImportRevenue ? [{ id: "revenue" as const, label: "Revenue import" }] : []),
  ];
  return (
    <div>
      <div className={styles.tabs} role="tablist" aria-label="Pricing & margin">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`${styles.tab} ${tab === t.id ? styles.tabActive : ""}`}
            onClick={() => url.set({ tab: t.id === "margins" ? null : t.id })}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === "margins" && (
        <MarginsOverview
          projectId={projectId}
          period={period}
          compareId={compareId}
          onCompare={(id) => url.set({ plan: id ?? "" })}
        />
      )}
      {tab === "plans" && (
        <PlansTab
          projectId={projectId}
          period={period}
          canManage={canManagePlans}
          outcomeTypes={options.data?.outcome_types ?? []}
        />
      )}
      {tab === "simulator" && (
        <Simulator
          projectId={projectId}
          period={period}
          canManage={canManagePlans}
          options={options.data}
          plans={plans.filter((plan) => !plan.archived)}
        />
      )}
      {tab === "revenue" && canImportRevenue && <RevenueImport projectId={projectId} timezone={timezone} />}
    </div>
  );
}
