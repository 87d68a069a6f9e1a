"use client";

import { useAliases, useCreateAlias, useDeletePriceItem } from "@/lib/query/hooks/prices";
import { errorText } from "./format";
import { SimpleForm } from "./simple-form";
import { DataTable } from "@/components/data-table";

/** Project names for models: an Azure deployment name, an internal name -> the model whose price applies. */
export function AliasesCard({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const aliases = useAliases(projectId);
  const create = useCreateAlias(projectId);
  const remove = useDeletePriceItem(projectId, "aliases");
  return (
    <section className="card" aria-label="Model aliases">
      <div className="card-header">
        <strong>Model aliases</strong>
        <p>Names your events use for a priced model, e.g. an Azure deployment name.</p>
      </div>
      {(aliases.data?.length ?? 0) === 0 ? (
        <div className="card-body muted">No aliases.</div>
      ) : (
        <DataTable columns={["Alias", "Used with", "Priced as", {}]}>
          {aliases.data!.map((alias) => (
            <tr key={alias.id}>
              <td style={{ fontWeight: 500 }}>{alias.alias}</td>
              <td className="muted">{alias.provider ?? "any provider"}</td>
              <td>
                {alias.target_provider ? `${alias.target_provider}:` : ""}
                {alias.target_model}
              </td>
              <td className="num">
                {canManage && (
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => remove.mutate(alias.id)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {canManage && (
        <SimpleForm
          label="alias"
          submitLabel="Add alias"
          pending={create.isPending}
          error={errorText(create.error ?? remove.error)}
          fields={[
            { name: "alias", label: "Alias", placeholder: "prod-gpt4o-eu", required: true, width: 180 },
            { name: "provider", label: "Used with provider", placeholder: "azure (blank: any)" },
            { name: "target_provider", label: "Price as provider", placeholder: "openai (blank: same)" },
            { name: "target_model", label: "Price as model", placeholder: "gpt-4o", required: true, width: 180 },
          ]}
          onSubmit={(values, form) =>
            create.mutate(
              {
                alias: values.alias!,
                target_model: values.target_model!,
                provider: values.provider || null,
                target_provider: values.target_provider || null,
              },
              { onSuccess: () => form.reset() },
            )
          }
        />
      )}
    </section>
  );
}
