import type { ParseArgsConfig } from "node:util";
import type { CliCommand } from "./types";
import { keysCreate } from "./keys";
import { migrateCommand } from "./migrate";
import { pricesStats } from "./prices";
import { repriceCommand } from "./reprice";
import { usersCreate } from "./users";
import { detectCommand } from "./detect";
import { digestSend } from "./digest";
import { seedCommand } from "./seed";

export type { CommandContext } from "./types";

/** Every CLI command; later work appends its own (prices, reprice, seed, digest). */
export const COMMANDS: CliCommand<ParseArgsConfig["options"]>[] = [
  migrateCommand,
  keysCreate,
  usersCreate,
  seedCommand,
  pricesStats,
  repriceCommand,
  detectCommand,
  digestSend,
];
