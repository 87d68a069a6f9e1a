/**
 * A fake OpenAI API on loopback for the acceptance tests: Chat Completions (JSON, and SSE with
 * `stream_options.include_usage`), Responses (JSON; the Vercel AI SDK's `openai(model)` calls it)
 * and Embeddings, with the usage each model is configured to
 * report, so that real clients (the `openai` Python package, the Vercel AI SDK) run unchanged.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOpenAi {
  /** Base URL including `/v1`. */
  url: string;
  requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export type ChatUsage = Record<string, unknown> & { prompt_tokens: number; completion_tokens: number };

export async function startFakeOpenAi(
  chatUsage: Record<string, ChatUsage>,
  embeddingTokens: number,
): Promise<FakeOpenAi> {
  const requests: FakeOpenAi["requests"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      const path = (req.url ?? "").split("?")[0]!;
      requests.push({ path, body });
      const model = String(body.model);
      if (path.endsWith("/embeddings")) {
        const inputs = Array.isArray(body.input) ? body.input : [body.input];
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            object: "list",
            model,
            data: inputs.map((_, index) => ({ object: "embedding", index, embedding: [0.1, 0.2, 0.3] })),
            usage: { prompt_tokens: embeddingTokens, total_tokens: embeddingTokens },
          }),
        );
        return;
      }
      const usage = chatUsage[model];
      if (path.endsWith("/responses") && usage && !body.stream) {
        const output = [
          {
            type: "message",
            id: "msg-fake",
            status: "completed",
            role: "assistant",
            content: [{ type: "output_text", text: "Hello", annotations: [] }],
          },
        ];
        const responseUsage = {
          input_tokens: usage.prompt_tokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: usage.completion_tokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: usage.prompt_tokens + usage.completion_tokens,
        };
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            id: "resp-fake",
            object: "response",
            created_at: 1760000000,
            status: "completed",
            model,
            output,
            usage: responseUsage,
          }),
        );
        return;
      }
      if (!path.endsWith("/chat/completions") || !usage) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { message: `no fake for ${path} ${model}` } }));
        return;
      }
      const total = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
      const base = { id: "chatcmpl-fake", created: 1760000000, model, system_fingerprint: "fp_fake" };
      if (body.stream) {
        res.setHeader("content-type", "text/event-stream");
        const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
        const deltas = [{ role: "assistant", content: "" }, { content: "Hel" }, { content: "lo" }, {}];
        deltas.forEach((delta, i) => {
          const chunk = {
            ...base,
            object: "chat.completion.chunk",
            choices: [{ index: 0, delta, logprobs: null, finish_reason: i === 3 ? "stop" : null }],
            ...(includeUsage ? { usage: null } : {}),
          };
          res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        });
        if (includeUsage)
          res.write(
            `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage: total })}\n\n`,
          );
        res.end("data: [DONE]\n\n");
        return;
      }
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          ...base,
          object: "chat.completion",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: "Hello", refusal: null },
              logprobs: null,
              finish_reason: "stop",
            },
          ],
          usage: total,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
