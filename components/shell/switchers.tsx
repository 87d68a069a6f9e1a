"use client";

import { usePathname, useRouter } from "next/navigation";
import { projectPath } from "./nav-items";
import styles from "./shell.module.css";

export interface SwitcherOrg {
  slug: string;
  name: string;
  projects: { slug: string; name: string }[];
}

/**
 * Organisation (only with several) and project switchers. Changing project keeps the current
 * section, so an engineer comparing two projects' keys stays on the keys page.
 */
export function Switchers({
  orgs,
  orgSlug,
  projectSlug,
}: {
  orgs: SwitcherOrg[];
  orgSlug: string;
  projectSlug: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const org = orgs.find((candidate) => candidate.slug === orgSlug);
  const projectPrefix = projectSlug ? projectPath(orgSlug, projectSlug, "") : null;

  function switchProject(slug: string) {
    const rest =
      projectPrefix && pathname.startsWith(projectPrefix) ? pathname.slice(projectPrefix.length) : "overview";
    router.push(projectPath(orgSlug, slug, rest || "overview"));
  }

  function switchOrg(slug: string) {
    const target = orgs.find((candidate) => candidate.slug === slug);
    const first = target?.projects[0];
    router.push(first ? projectPath(slug, first.slug) : `/o/${encodeURIComponent(slug)}/settings/projects`);
  }

  return (
    <div className={styles.switchers}>
      {orgs.length > 1 && (
        <div className={styles.switcher}>
          <label htmlFor="org-switcher">Organisation</label>
          <select
            id="org-switcher"
            className="select"
            value={orgSlug}
            onChange={(event) => switchOrg(event.target.value)}
          >
            {orgs.map((candidate) => (
              <option key={candidate.slug} value={candidate.slug}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {org && org.projects.length > 0 && (
        <div className={styles.switcher}>
          <label htmlFor="project-switcher">Project</label>
          <select
            id="project-switcher"
            className="select"
            value={projectSlug ?? ""}
            onChange={(event) => switchProject(event.target.value)}
          >
            {!projectSlug && <option value="">Choose a project</option>}
            {org.projects.map((project) => (
              <option key={project.slug} value={project.slug}>
                {project.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
