import type { ParseArgsConfig } from "node:util";

export interface CommandContext {
  databaseUrl: string;
  embedded: boolean;
  out: (line: string) => void;
}

export interface CliCommand<Options extends ParseArgsConfig["options"] = ParseArgsConfig["options"]> {
  name: string;
  usage: string;
  summary: string;
  options: Options;
  run(values: Record<string, string | boolean | undefined>, context: CommandContext): Promise<number>;
}

/** Exit code for bad arguments or refused input; the message names the option. */
const CLI_ERROR = 2;

export function fail(message: string): number {
  console.error(`error: ${message}`);
  return CLI_ERROR;
}
