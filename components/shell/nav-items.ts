/**
 * The project navigation, in order. Sections later issues fill keep these paths. `dateRange`:
 * whether the page reads the shell's date range (budgets have their own periods).
 */
export const PROJECT_SECTIONS = [
  { segment: "overview", label: "Overview", dateRange: true, icon: "M3 12h4l3-8 4 16 3-8h4" },
  { segment: "features", label: "Features", dateRange: true, icon: "M4 6h16M4 12h16M4 18h10" },
  {
    segment: "customers",
    label: "Customers",
    dateRange: true,
    icon: "M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6M21 19v-1a4 4 0 0 0-3-3.9M16 4.1a3 3 0 0 1 0 5.8",
  },
  { segment: "models", label: "Models", dateRange: true, icon: "M12 3 3 8l9 5 9-5-9-5ZM3 16l9 5 9-5M3 12l9 5 9-5" },
  { segment: "events", label: "Events", dateRange: true, icon: "M4 5h16M4 10h16M4 15h16M4 20h16" },
  {
    segment: "pricing",
    label: "Pricing & margin",
    dateRange: true,
    icon: "M12 2v20M17 6H9.5a3.5 3.5 0 0 0 0 7h5a3.5 3.5 0 0 1 0 7H6",
  },
  {
    segment: "anomalies",
    label: "Anomalies",
    dateRange: true,
    icon: "M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z",
  },
  {
    segment: "budgets",
    label: "Budgets",
    dateRange: false,
    icon: "M3 12a9 9 0 1 0 18 0 9 9 0 0 0-18 0M12 12l5-3M12 7v5",
  },
] as const;

/** Configuration pages below the sections: how data gets in, then the settings. */
export const SEND_DATA = {
  segment: "send-data",
  label: "Send data",
  icon: "M12 15V3M7 8l5-5 5 5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4",
} as const;

export const SETTINGS_ICON =
  "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z";

export function projectPath(orgSlug: string, projectSlug: string, rest = "overview"): string {
  return `/o/${encodeURIComponent(orgSlug)}/p/${encodeURIComponent(projectSlug)}/${rest}`;
}

export function orgSettingsPath(orgSlug: string, page: "members" | "projects"): string {
  return `/o/${encodeURIComponent(orgSlug)}/settings/${page}`;
}

/**
 * Whether the shell shows its date-range picker on the page at `pathname`: only on project
 * sections that read it, so it is never a control that does nothing (budgets, send data,
 * settings and organisation pages have none).
 */
export function showsDateRange(pathname: string): boolean {
  const segment = /^\/o\/[^/]+\/p\/[^/]+\/([^/?#]+)/.exec(pathname)?.[1];
  return PROJECT_SECTIONS.some((section) => section.segment === segment && section.dateRange);
}

/** The query parameters that carry the date range from page to page. */
export const RANGE_PARAMS = ["range", "from", "to"] as const;

/** Organisation pages every member can reach from any project: the digest's settings, preview and outbox, and the API docs. */
export function orgLinks(orgSlug: string) {
  const org = `/o/${encodeURIComponent(orgSlug)}`;
  return [
    {
      href: `${org}/settings/notifications`,
      label: "Notifications",
      icon: "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.9 1.9 0 0 0 3.4 0",
    },
    { href: `${org}/digest`, label: "Digest preview", icon: "M4 4h16v16H4zM4 8l8 5 8-5" },
    {
      href: `${org}/outbox`,
      label: "Outbox",
      icon: "M22 12h-6l-2 3h-4l-2-3H2M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1Z",
    },
    { href: "/docs/api", label: "API docs", icon: "M16 18l6-6-6-6M8 6l-6 6 6 6" },
  ] as const;
}
