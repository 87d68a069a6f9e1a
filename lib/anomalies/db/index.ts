export { detectProject, detectDueProjects } from "./run";
export * from "./queries";
