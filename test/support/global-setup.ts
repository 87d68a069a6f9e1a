import { pgliteTemplate, postgresTemplate } from "./template-database";

/** Builds the run's migrated template once, before the workers start copying it. */
export default async function setup(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) await postgresTemplate(base);
  else await pgliteTemplate();
}
