"use client";

import { useState } from "react";
import { useMarginOptionsQuery, useMarginsQuery, type Period } from "@/lib/query/hooks/margins";
import { MarginsOverview } from "./margins-overview";
import styles from "./margins.module.css";
import { PlansTab } from "./plans-tab";
import { RevenueImport } from "./revenue-import";
import { Simulator } from "./simulator";

type Tab = "margins" | "plans" | "simulator" | "revenue";

export interface PricingPageProps {
  projectId: string;
  period: Period;
  timezone: string;
  canManagePlans: boolean;
  canImportRevenue: boolean;
}

/** The pricing & margin page: margins and plan comparison, plans, the simulator and revenue import. */
export function PricingPage({ projectId, period, timezone, canManagePlans, canImportRevenue }: PricingPageProps) {
  const [tab, setTab] = useState<Tab>("margins");
  // undefined until the user picks: the page opens on usage vs outcome, comparing with the first
  // outcome-based plan (else hybrid), the comparison the product exists for.
  const [picked, setCompareId] = useState<string | null | undefined>(undefined);
  const options = useMarginOptionsQuery(projectId, period);
  const report = useMarginsQuery(projectId, period, null);
  const plans = (report.data?.plans ?? []).filter((plan) => !plan.archived);
  const compareId = picked === undefined ? (plans.find((plan) => plan.type === "outcome") ?? plans.find((plan) => plan.type === "hybrid"))?.id ?? null : picked;
  const tabs: { id: Tab; label: string }[] = [
    { id: "margins", label: "Margins" },
    { id: "plans", label: "Plans" },
    { id: "simulator", label: "Simulator" },
    ...(canImportRevenue ? [{ id: "revenue" as const, label: "Revenue import" }] : []),
  ];
  return (
    <div>
      <div className={styles.tabs} role="tablist" aria-label="Pricing & margin">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={`${styles.tab} ${tab === t.id ? styles.tabActive : ""}`} onClick={() => setTab(t.id)} data-testid={`tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === "margins" && <MarginsOverview projectId={projectId} period={period} compareId={compareId} onCompare={setCompareId} />}
      {tab === "plans" && <PlansTab projectId={projectId} period={period} canManage={canManagePlans} outcomeTypes={options.data?.outcomeTypes ?? []} />}
      {tab === "simulator" && <Simulator projectId={projectId} period={period} canManage={canManagePlans} options={options.data} plans={plans} />}
      {tab === "revenue" && canImportRevenue && <RevenueImport projectId={projectId} timezone={timezone} />}
    </div>
  );
}
