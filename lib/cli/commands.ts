import type { ParseArgsConfig } from "node:util";
import type { CliCommand } from "./types";
import { keysCreate } from "./keys";
import { migrateCommand } from "./migrate";
import { usersCreate } from "./users";
import { seedCommand } from "./seed";

export type { CommandContext } from "./types";

/** Every CLI command; later work appends its own (prices, reprice, seed, digest). */
export const COMMANDS: CliCommand<ParseArgsConfig["options"]>[] = [migrateCommand, keysCreate, usersCreate, seedCommand];
