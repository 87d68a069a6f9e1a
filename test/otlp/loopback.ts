/**
 * What the tests that run real outside clients share: the app and a fake OpenAI API on
 * loopback for one test file, and the Python of test/otlp/python/venv.sh.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import { startFakeOpenAi, type ChatUsage, type FakeOpenAi } from "./fake-openai";

export const OTLP_TEST_DIR = fileURLToPath(new URL(".", import.meta.url));
export const PYTHON = process.env.INFERLEDGER_OTLP_PYTHON ?? `${OTLP_TEST_DIR}python/.venv/bin/python`;
/** Without the virtual environment the Python tests are skipped, except under CI. */
export const PYTHON_AVAILABLE = existsSync(PYTHON);
if (!PYTHON_AVAILABLE && process.env.CI) throw new Error(`${PYTHON} is missing: run test/otlp/python/venv.sh first`);

/** The usage test/otlp/python/export_openai.py's calls get (gpt-4o, gpt-4o-mini stream, an embedding). */
export const PYTHON_SCRIPT_USAGE: Record<string, ChatUsage> = {
  "gpt-4o": { prompt_tokens: 1000, completion_tokens: 500 },
  "gpt-4o-mini": { prompt_tokens: 2000, completion_tokens: 1000 },
};
export const PYTHON_SCRIPT_EMBEDDING_TOKENS = 10000;

export function useLoopbackServers(
  chatUsage: Record<string, ChatUsage>,
  embeddingTokens: number,
): { app: () => AppServer; openai: () => FakeOpenAi } {
  let app: AppServer | undefined;
  let openai: FakeOpenAi | undefined;
  beforeAll(async () => {
    app = await startAppServer();
    openai = await startFakeOpenAi(chatUsage, embeddingTokens);
  });
  afterAll(async () => {
    await app?.close();
    await openai?.close();
  });
  return { app: () => app!, openai: () => openai! };
}
