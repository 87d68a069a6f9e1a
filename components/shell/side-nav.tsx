"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Icon } from "./icon";
import { PROJECT_SECTIONS, RANGE_PARAMS, SEND_DATA, SETTINGS_ICON, projectPath } from "./nav-items";
import styles from "./shell.module.css";

/** Left navigation; links keep the current date range so moving between pages keeps context. */
export function SideNav({ orgSlug, projectSlug }: { orgSlug: string; projectSlug: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const kept = new URLSearchParams();
  for (const name of RANGE_PARAMS) {
    const value = searchParams.get(name);
    if (value) kept.set(name, value);
  }
  const suffix = kept.size ? `?${kept.toString()}` : "";
  const inSettings = pathname.includes("/settings");
  return (
    <nav className={styles.nav} aria-label="Project">
      {PROJECT_SECTIONS.map((section) => {
        const href = projectPath(orgSlug, projectSlug, section.segment);
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link key={section.segment} href={`${href}${suffix}`} className={`${styles.navItem} ${active ? styles.navItemActive : ""}`} aria-current={active ? "page" : undefined}>
            <Icon path={section.icon} className={styles.navIcon} />
            {section.label}
          </Link>
        );
      })}
      <div className={styles.navSection}>Configure</div>
      <Link
        href={projectPath(orgSlug, projectSlug, SEND_DATA.segment)}
        className={`${styles.navItem} ${pathname.endsWith(`/${SEND_DATA.segment}`) ? styles.navItemActive : ""}`}
        aria-current={pathname.endsWith(`/${SEND_DATA.segment}`) ? "page" : undefined}
      >
        <Icon path={SEND_DATA.icon} className={styles.navIcon} />
        {SEND_DATA.label}
      </Link>
      <Link
        href={projectPath(orgSlug, projectSlug, "settings/keys")}
        className={`${styles.navItem} ${inSettings ? styles.navItemActive : ""}`}
        aria-current={inSettings ? "page" : undefined}
      >
        <Icon path={SETTINGS_ICON} className={styles.navIcon} />
        Settings
      </Link>
    </nav>
  );
}
