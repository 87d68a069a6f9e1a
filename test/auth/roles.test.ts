import { describe, expect, it } from "vitest";
import { KEY_SCOPES, type KeyScope } from "@/lib/auth/api-keys";
import { ACTIONS, can, canAssignRole, canGrantKeyScope, isRole, ROLES, type Action, type Role } from "@/lib/auth/roles";

// The expected matrix, written out by hand: a change to roles.ts must change this table too.
const Y = true;
const N = false;
const EXPECTED: Record<Action, Record<Role, boolean>> = {
  view: { owner: Y, admin: Y, engineer: Y, finance: Y, viewer: Y },
  manageMembers: { owner: Y, admin: Y, engineer: N, finance: N, viewer: N },
  manageProjects: { owner: Y, admin: Y, engineer: N, finance: N, viewer: N },
  manageApiKeys: { owner: Y, admin: Y, engineer: Y, finance: N, viewer: N },
  managePrices: { owner: Y, admin: Y, engineer: Y, finance: N, viewer: N },
  repriceEvents: { owner: Y, admin: Y, engineer: Y, finance: N, viewer: N },
  managePlans: { owner: Y, admin: Y, engineer: N, finance: Y, viewer: N },
  importRevenue: { owner: Y, admin: Y, engineer: N, finance: Y, viewer: N },
  manageAnomalies: { owner: Y, admin: Y, engineer: Y, finance: Y, viewer: N },
  manageOwnDigest: { owner: Y, admin: Y, engineer: Y, finance: Y, viewer: Y },
  manageBudgets: { owner: Y, admin: Y, engineer: N, finance: Y, viewer: N },
  manageAlertChannels: { owner: Y, admin: Y, engineer: N, finance: Y, viewer: N },
};

describe("role matrix", () => {
  it("covers every action defined in roles.ts", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  const cases = ACTIONS.flatMap((action) => ROLES.map((role) => ({ action, role, allowed: EXPECTED[action][role] })));
  it.each(cases)("$role may $action: $allowed", ({ action, role, allowed }) => {
    expect(can(role, action)).toBe(allowed);
  });

  it("lets a viewer do nothing but read and manage their own digest subscription", () => {
    const allowed = ACTIONS.filter((action) => can("viewer", action));
    expect(allowed).toEqual(["view", "manageOwnDigest"]);
  });
});

describe("canAssignRole", () => {
  const EXPECTED_ASSIGN: Record<Role, Record<Role, boolean>> = {
    owner: { owner: Y, admin: Y, engineer: Y, finance: Y, viewer: Y },
    admin: { owner: N, admin: N, engineer: Y, finance: Y, viewer: Y },
    engineer: { owner: N, admin: N, engineer: N, finance: N, viewer: N },
    finance: { owner: N, admin: N, engineer: N, finance: N, viewer: N },
    viewer: { owner: N, admin: N, engineer: N, finance: N, viewer: N },
  };
  const cases = ROLES.flatMap((actor) =>
    ROLES.map((target) => ({ actor, target, allowed: EXPECTED_ASSIGN[actor][target] })),
  );
  it.each(cases)("$actor may hand out or take away $target: $allowed", ({ actor, target, allowed }) => {
    expect(canAssignRole(actor, target)).toBe(allowed);
  });
});

describe("canGrantKeyScope", () => {
  const EXPECTED_SCOPES: Record<Role, Record<KeyScope, boolean>> = {
    owner: { ingest: Y, read: Y, admin: Y },
    admin: { ingest: Y, read: Y, admin: Y },
    engineer: { ingest: Y, read: Y, admin: N },
    finance: { ingest: N, read: N, admin: N },
    viewer: { ingest: N, read: N, admin: N },
  };
  const cases = ROLES.flatMap((role) =>
    KEY_SCOPES.map((scope) => ({ role, scope, allowed: EXPECTED_SCOPES[role][scope] })),
  );
  it.each(cases)("$role may mint a $scope key: $allowed", ({ role, scope, allowed }) => {
    expect(canGrantKeyScope(role, scope)).toBe(allowed);
  });
});

describe("isRole", () => {
  it("accepts the five roles and nothing else", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ["Owner", "superuser", "", null, 3, undefined]) expect(isRole(value)).toBe(false);
  });
});
