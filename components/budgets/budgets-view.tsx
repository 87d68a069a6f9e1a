"use client";

import { useState } from "react";

import { EmptyState } from "@/components/empty-state";
import { ErrorState, TableSkeleton } from "@/components/states";
import { useBudgets, useCreateBudget, useDeleteBudget, useUpdateBudget } from "@/lib/query/hooks/budgets";
import { BudgetCard } from "./budget-card";
import { BudgetForm } from "./budget-form";
import { ChannelsPanel } from "./channels-panel";
import { PreferencePanel } from "./preference-panel";
import styles from "./budgets.module.css";

export function BudgetsView({
  projectId,
  canManageBudgets,
  canManageChannels,
}: {
  projectId: string;
  canManageBudgets: boolean;
  canManageChannels: boolean;
}) {
  const budgets = useBudgets(projectId);
  const create = useCreateBudget(projectId);
  const update = useUpdateBudget(projectId);
  const remove = useDeleteBudget(projectId);
  // A new form after each budget created: a second click cannot create the same budget twice.
  const [formKey, setFormKey] = useState(0);
  const cardError = update.error ?? remove.error;
  const list = budgets.data ?? [];
  return (
    <div className="stack">
      {budgets.isLoading ? (
        <TableSkeleton />
      ) : budgets.error ? (
        <ErrorState what="budgets" error={budgets.error} onRetry={() => budgets.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          title="No budgets yet"
          description="Set a spend limit on the project or on a feature, customer, model or provider, and get alerted before it is reached."
        />
      ) : (
        <div className={styles.grid}>
          {cardError && (
            <p role="alert" className="field-error">
              {cardError.message}
            </p>
          )}
          {list.map((status) => (
            <BudgetCard
              key={status.budget.id}
              status={status}
              canManage={canManageBudgets}
              onMute={() => update.mutate({ id: status.budget.id, body: { muted: !status.budget.muted } })}
              onDelete={() => remove.mutate(status.budget.id)}
            />
          ))}
        </div>
      )}
      {canManageBudgets && (
        <BudgetForm
          key={formKey}
          projectId={projectId}
          onCreate={(body) => create.mutate(body, { onSuccess: () => setFormKey((key) => key + 1) })}
          error={create.error ?? null}
          pending={create.isPending}
        />
      )}
      <PreferencePanel projectId={projectId} />
      <ChannelsPanel projectId={projectId} canManage={canManageChannels} />
    </div>
  );
}
