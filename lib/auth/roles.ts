import type { KeyScope } from "./api-keys";

/**
 * Roles and what each may do. Authorisation is these small pure functions; route guards and
 * pages call them, and test/auth/roles.test.ts walks every role through every action.
 */
export const ROLES = ["owner", "admin", "engineer", "finance", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "view",
  "manageMembers",
  "manageProjects",
  "manageApiKeys",
  "managePrices",
  "repriceEvents",
  "managePlans",
  "importRevenue",
  "manageAnomalies",
  "manageOwnDigest",
  "manageBudgets",
  "manageAlertChannels",
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE: readonly Role[] = ROLES;
const ADMINS: readonly Role[] = ["owner", "admin"];

const ALLOWED: Record<Action, readonly Role[]> = {
  view: EVERYONE,
  manageMembers: ADMINS,
  manageProjects: ADMINS,
  manageApiKeys: [...ADMINS, "engineer"],
  managePrices: [...ADMINS, "engineer"],
  repriceEvents: [...ADMINS, "engineer"],
  managePlans: [...ADMINS, "finance"],
  importRevenue: [...ADMINS, "finance"],
  manageAnomalies: [...ADMINS, "engineer", "finance"],
  // A subscription is the member's own mailbox preference, not project data.
  manageOwnDigest: EVERYONE,
  // Budgets and where their alerts go are spend policy: finance sets them with the admins.
  manageBudgets: [...ADMINS, "finance"],
  manageAlertChannels: [...ADMINS, "finance"],
};

export function can(role: Role, action: Action): boolean {
  return ALLOWED[action].includes(role);
}

/** The roles an actor may hand out or take away: only an owner touches owners and admins. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (!can(actor, "manageMembers")) return false;
  return actor === "owner" || (target !== "owner" && target !== "admin");
}

/**
 * An `admin`-scoped key acts for the whole project without a person behind it, so only those
 * who administer the organisation may mint one; ingest and read keys follow manageApiKeys.
 */
export function canGrantKeyScope(role: Role, scope: KeyScope): boolean {
  if (!can(role, "manageApiKeys")) return false;
  return scope !== "admin" || can(role, "manageProjects");
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  engineer: "Engineer",
  finance: "Finance",
  viewer: "Viewer",
};
