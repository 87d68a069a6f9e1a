"use client";

import { AppLink } from "@/components/app-link";
import { signOut } from "next-auth/react";
import styles from "./shell.module.css";

export function UserMenu({ name, email, orgSlug }: { name: string | null; email: string | null; orgSlug: string }) {
  const display = name || email || "Account";
  const initials = display
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
  return (
    <details className={styles.menu}>
      <summary aria-label="Account menu">
        <span className={styles.avatar}>{initials}</span>
      </summary>
      <div className={styles.menuPanel} role="menu">
        <div className={styles.menuHead}>
          <div style={{ fontWeight: 600 }}>{name ?? "—"}</div>
          <div className="muted small">{email}</div>
        </div>
        <AppLink
          className={styles.menuItem}
          href={`/o/${encodeURIComponent(orgSlug)}/settings/members`}
          role="menuitem"
        >
          Members
        </AppLink>
        <AppLink
          className={styles.menuItem}
          href={`/o/${encodeURIComponent(orgSlug)}/settings/projects`}
          role="menuitem"
        >
          Projects
        </AppLink>
        <button
          type="button"
          className={styles.menuItem}
          role="menuitem"
          onClick={() => signOut({ callbackUrl: "/login" })}
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
