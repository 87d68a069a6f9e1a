// Filled by the database layer: creates and migrates the test database once per run.
export default async function setup(): Promise<void> {}
