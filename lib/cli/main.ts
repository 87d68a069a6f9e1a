import { parseArgs } from "node:util";
import { closeDb } from "@/lib/db/client";
import { migrateUrl, openDatabase } from "@/lib/db/open";
import { resetEnvForTests } from "@/lib/env";
import { COMMANDS, type CommandContext } from "@/lib/cli/commands";

/**
 * `npm run cli -- <command> [options]`. Reaches the database the same way the app does: through
 * DATABASE_URL, or through the running app that owns the embedded database, or by owning it
 * itself while the command runs.
 */
async function main(argv: string[]): Promise<number> {
  const name = [argv[0], argv[1]].filter(Boolean).join(" ");
  const command = COMMANDS.find((candidate) => name === candidate.name || argv[0] === candidate.name);
  if (!command || argv[0] === "help" || argv.length === 0) {
    printHelp();
    return argv.length === 0 || argv[0] === "help" ? 0 : 2;
  }
  const rest = argv.slice(command.name.split(" ").length);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`${command.name}: ${(error as Error).message}\nusage: npm run cli -- ${command.usage}`);
    return 2;
  }
  const database = await openDatabase();
  process.env.DATABASE_URL = database.url;
  resetEnvForTests();
  try {
    if (command.name !== "migrate") await migrateUrl(database.url);
    const context: CommandContext = {
      databaseUrl: database.url,
      embedded: database.embedded,
      out: (line) => console.log(line),
    };
    return await command.run(values, context);
  } finally {
    await closeDb();
    await database.close();
  }
}

function printHelp(): void {
  console.log("usage: npm run cli -- <command> [options]\n\ncommands:");
  for (const command of COMMANDS) console.log(`  ${command.usage}\n      ${command.summary}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
