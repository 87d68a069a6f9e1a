import { AppLink } from "@/components/app-link";
import { Suspense, type ReactNode } from "react";
import { Providers } from "@/components/providers";
import type { OrgCalendar } from "@/lib/calendar/org-calendar";
import { DateRangePicker } from "./date-range-picker";
import { SideNav } from "./side-nav";
import { Switchers, type SwitcherOrg } from "./switchers";
import { UserMenu } from "./user-menu";
import styles from "./shell.module.css";

interface ShellProps {
  orgs: SwitcherOrg[];
  org: { slug: string; name: string; timezone: string; calendar: OrgCalendar };
  project: { slug: string; name: string } | null;
  user: { name: string | null; email: string | null };
  /** Analytics pages show the date-range picker; settings pages do not need it. */
  showDateRange: boolean;
  children: ReactNode;
}

export function AppShell({ orgs, org, project, user, showDateRange, children }: ShellProps) {
  return (
    <Providers>
      <div className={styles.layout}>
        {/* Phones: the navigation folds away behind the topbar's menu button (CSS only, no script needed). */}
        <input type="checkbox" id="nav-toggle" className={styles.navToggle} aria-label="Show navigation" />
        <aside className={`${styles.sidebar} no-print`} id="app-navigation">
          <div className={styles.sidebarInner}>
            <AppLink href="/" className={styles.brand}>
              <span className="brand-mark">IL</span>
              InferLedger
            </AppLink>
            <Suspense>
              <Switchers orgs={orgs} orgSlug={org.slug} projectSlug={project?.slug ?? null} />
            </Suspense>
            {project && (
              <Suspense>
                <SideNav orgSlug={org.slug} projectSlug={project.slug} />
              </Suspense>
            )}
            <div className={`${styles.sidebarFoot} muted small`}>Times in {org.timezone}</div>
          </div>
        </aside>
        <div className={styles.main}>
          <header className={`${styles.topbar} no-print`}>
            <label
              htmlFor="nav-toggle"
              className={`btn btn-sm ${styles.navButton}`}
              aria-controls="app-navigation"
              data-testid="nav-button"
            >
              <span aria-hidden="true">☰</span> Menu
            </label>
            <div className={styles.crumbs}>
              <span>{org.name}</span>
              {project && (
                <>
                  <span aria-hidden="true">/</span>
                  <strong>{project.name}</strong>
                </>
              )}
            </div>
            <div className="spacer" />
            {showDateRange && (
              <Suspense>
                <DateRangePicker calendar={org.calendar} />
              </Suspense>
            )}
            <UserMenu name={user.name} email={user.email} orgSlug={org.slug} />
          </header>
          <main className={styles.content}>{children}</main>
        </div>
      </div>
    </Providers>
  );
}
