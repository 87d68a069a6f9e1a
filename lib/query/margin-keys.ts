/**
 * Cache keys of the pricing & margin page's queries, under the project like every other key.
 * Apart from the hooks (a client module) so the server prefetch keys its answers the same way.
 */
import { queryKeys } from "./keys";

export interface Period {
  from: string;
  to: string;
}

export const marginKeys = {
  all: (projectId: string) => [...queryKeys.project(projectId), "margins"] as const,
  report: (projectId: string, period: Period, plan: string | null) =>
    [...marginKeys.all(projectId), "report", period, plan ?? ""] as const,
  customers: (projectId: string, period: Period) => [...marginKeys.all(projectId), "customers", period] as const,
  options: (projectId: string, period: Period) => [...marginKeys.all(projectId), "options", period] as const,
  versions: (projectId: string, planId: string) => [...marginKeys.all(projectId), "versions", planId] as const,
  closedMonths: (projectId: string) => [...marginKeys.all(projectId), "closed-months"] as const,
  plans: (projectId: string) => [...marginKeys.all(projectId), "plans"] as const,
  scenarios: (projectId: string) => [...marginKeys.all(projectId), "scenarios"] as const,
  imports: (projectId: string) => [...marginKeys.all(projectId), "imports"] as const,
};
