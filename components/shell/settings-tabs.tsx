"use client";

import { AppLink } from "@/components/app-link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useKeptRange } from "./kept-range";
import { orgSettingsPath, projectPath } from "./nav-items";
import styles from "./shell.module.css";

/** Settings tabs: the project's (keys, prices) then the organisation's (members, projects). */
export function SettingsTabs({ orgSlug, projectSlug }: { orgSlug: string; projectSlug: string | null }) {
  const pathname = usePathname();
  const suffix = useKeptRange();
  const bar = useRef<HTMLElement>(null);
  // On a phone the bar scrolls: bring the current tab into it (the bar only, never the page).
  useEffect(() => {
    const nav = bar.current;
    const active = nav?.querySelector("[aria-current=page]");
    if (!nav || !active) return;
    const overflow = active.getBoundingClientRect().right - nav.getBoundingClientRect().right;
    if (overflow > 0) nav.scrollLeft += overflow;
  }, [pathname]);
  const tabs = [
    ...(projectSlug
      ? [
          { group: "Project", href: projectPath(orgSlug, projectSlug, "settings/keys"), label: "API keys" },
          { group: null, href: projectPath(orgSlug, projectSlug, "settings/prices"), label: "Prices" },
        ]
      : []),
    { group: "Organisation", href: orgSettingsPath(orgSlug, "members"), label: "Members" },
    { group: null, href: orgSettingsPath(orgSlug, "projects"), label: "Projects" },
  ];
  return (
    <nav ref={bar} className={`${styles.tabs} no-print`} aria-label="Settings">
      {tabs.map((tab) => (
        <span key={tab.href} style={{ display: "contents" }}>
          {tab.group && <span className={styles.tabGroup}>{tab.group}</span>}
          <AppLink
            href={`${tab.href}${suffix}`}
            className={`${styles.tab} ${pathname === tab.href ? styles.tabActive : ""}`}
            aria-current={pathname === tab.href ? "page" : undefined}
          >
            {tab.label}
          </AppLink>
        </span>
      ))}
    </nav>
  );
}
