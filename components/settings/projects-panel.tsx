"use client";

import { AppLink } from "@/components/app-link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { TextField } from "@/components/form-field";
import { createProjectAction } from "@/lib/actions/projects";
import { DataTable } from "@/components/data-table";

interface ProjectView {
  slug: string;
  name: string;
  created: string;
  activeKeys: number;
}

export function ProjectsPanel({
  org,
  canManage,
  projects,
}: {
  org: string;
  canManage: boolean;
  projects: ProjectView[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    startTransition(async () => {
      const result = await createProjectAction({ org, name });
      if (!result.ok) {
        setError({ field: result.field, message: result.message });
        return;
      }
      router.push(`/o/${encodeURIComponent(org)}/p/${encodeURIComponent(result.data.slug)}/settings/keys`);
    });
  }

  return (
    <div className="stack">
      {canManage && (
        <form className="card" onSubmit={create} aria-label="Create a project">
          <div className="card-header">
            <h2>New project</h2>
            <p>Projects keep events, keys and prices apart, for example one per product or environment.</p>
          </div>
          <div className="card-body row" style={{ alignItems: "flex-end", gap: 16 }}>
            <TextField
              id="project-name"
              label="Name"
              fieldStyle={{ flex: "1 1 320px" }}
              name="name"
              placeholder="e.g. Staging"
              required
              maxLength={80}
              aria-invalid={error?.field === "name"}
            />
            <button className="btn btn-primary" type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create project"}
            </button>
          </div>
          {error && (
            <div className="card-body" style={{ paddingTop: 0 }}>
              <div className="alert alert-error" role="alert">
                {error.field ? `${error.field === "name" ? "Name" : error.field}: ` : ""}
                {error.message}
              </div>
            </div>
          )}
        </form>
      )}
      <section className="card" aria-label="Projects">
        <div className="card-header">
          <h2>Projects</h2>
          <span className="muted small">{projects.length}</span>
        </div>
        <DataTable scroll columns={["Name", "Slug", { label: "Active keys", num: true }, "Created"]}>
          {projects.map((project) => (
            <tr key={project.slug} data-testid="project-row">
              <td>
                <AppLink
                  href={`/o/${encodeURIComponent(org)}/p/${encodeURIComponent(project.slug)}/overview`}
                  style={{ fontWeight: 500 }}
                >
                  {project.name}
                </AppLink>
              </td>
              <td>
                <code>{project.slug}</code>
              </td>
              <td className="num">{project.activeKeys}</td>
              <td>{project.created}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
