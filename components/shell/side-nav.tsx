"use client";

import { AppLink } from "@/components/app-link";
import { usePathname } from "next/navigation";
import { useKeptRange } from "./kept-range";
import { Icon } from "./icon";
import { orgLinks, PROJECT_SECTIONS, SEND_DATA, SETTINGS_ICON, projectPath } from "./nav-items";
import styles from "./shell.module.css";

/** Left navigation; links keep the current date range so moving between pages keeps context. */
export function SideNav({ orgSlug, projectSlug }: { orgSlug: string; projectSlug: string }) {
  const pathname = usePathname();
  const suffix = useKeptRange();
  const inSettings = pathname.includes("/settings");
  // On phones the navigation is open over the page (app-shell's nav-toggle): a chosen link closes it.
  const close = () => {
    const toggle = document.getElementById("nav-toggle");
    if (toggle instanceof HTMLInputElement) toggle.checked = false;
  };
  return (
    <nav className={styles.nav} aria-label="Project">
      {PROJECT_SECTIONS.map((section) => {
        const href = projectPath(orgSlug, projectSlug, section.segment);
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <AppLink
            onClick={close}
            key={section.segment}
            href={`${href}${suffix}`}
            className={`${styles.navItem} ${active ? styles.navItemActive : ""}`}
            aria-current={active ? "page" : undefined}
          >
            <Icon path={section.icon} className={styles.navIcon} />
            {section.label}
          </AppLink>
        );
      })}
      <div className={styles.navSection}>Configure</div>
      <AppLink
        onClick={close}
        href={`${projectPath(orgSlug, projectSlug, SEND_DATA.segment)}${suffix}`}
        className={`${styles.navItem} ${pathname.endsWith(`/${SEND_DATA.segment}`) ? styles.navItemActive : ""}`}
        aria-current={pathname.endsWith(`/${SEND_DATA.segment}`) ? "page" : undefined}
      >
        <Icon path={SEND_DATA.icon} className={styles.navIcon} />
        {SEND_DATA.label}
      </AppLink>
      <AppLink
        onClick={close}
        href={`${projectPath(orgSlug, projectSlug, "settings/keys")}${suffix}`}
        className={`${styles.navItem} ${inSettings ? styles.navItemActive : ""}`}
        aria-current={inSettings ? "page" : undefined}
      >
        <Icon path={SETTINGS_ICON} className={styles.navIcon} />
        Settings
      </AppLink>
      <div className={styles.navSection}>Organisation</div>
      {orgLinks(orgSlug).map((link) => {
        const active = pathname === link.href;
        return (
          <AppLink
            onClick={close}
            key={link.href}
            href={`${link.href}${suffix}`}
            className={`${styles.navItem} ${active ? styles.navItemActive : ""}`}
            aria-current={active ? "page" : undefined}
          >
            <Icon path={link.icon} className={styles.navIcon} />
            {link.label}
          </AppLink>
        );
      })}
    </nav>
  );
}
