"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createProjectAction } from "@/lib/actions/projects";

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
            <div className="field" style={{ flex: "1 1 320px" }}>
              <label htmlFor="project-name">Name</label>
              <input
                id="project-name"
                name="name"
                className="input"
                placeholder="e.g. Staging"
                required
                maxLength={80}
                aria-invalid={error?.field === "name"}
              />
            </div>
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
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th>Slug</th>
                <th className="num">Active keys</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => (
                <tr key={project.slug} data-testid="project-row">
                  <td>
                    <Link
                      href={`/o/${encodeURIComponent(org)}/p/${encodeURIComponent(project.slug)}/overview`}
                      style={{ fontWeight: 500 }}
                    >
                      {project.name}
                    </Link>
                  </td>
                  <td>
                    <code>{project.slug}</code>
                  </td>
                  <td className="num">{project.activeKeys}</td>
                  <td>{project.created}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
