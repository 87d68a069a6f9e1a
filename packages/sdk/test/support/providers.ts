// A fake OpenAI + Anthropic API: realistic JSON bodies and SSE streams, deterministic so that a
// direct call and a wrapped call can be compared byte for byte.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const OPENAI_CHAT_USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 300,
  total_tokens: 1500,
  prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 128,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};
export const OPENAI_RESPONSES_USAGE = {
  input_tokens: 900,
  input_tokens_details: { cached_tokens: 512 },
  output_tokens: 400,
  output_tokens_details: { reasoning_tokens: 256 },
  total_tokens: 1300,
};
export const ANTHROPIC_USAGE = {
  input_tokens: 2000,
  cache_creation_input_tokens: 1000,
  cache_read_input_tokens: 50000,
  cache_creation: { ephemeral_5m_input_tokens: 600, ephemeral_1h_input_tokens: 400 },
  output_tokens: 800,
  service_tier: "standard",
};

const chatBase = {
  id: "chatcmpl-1",
  object: "chat.completion.chunk",
  created: 1760000000,
  model: "gpt-4o-2024-08-06",
  service_tier: "default",
  system_fingerprint: "fp_1",
};

function chatChunks(includeUsage: boolean): object[] {
  const deltas = [{ role: "assistant", content: "" }, { content: "Hel" }, { content: "lo" }, {}];
  const chunks: object[] = deltas.map((delta, i) => ({
    ...chatBase,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: i === 3 ? "stop" : null }],
    ...(includeUsage ? { usage: null } : {}),
  }));
  if (includeUsage) chunks.push({ ...chatBase, choices: [], usage: OPENAI_CHAT_USAGE });
  return chunks;
}

const response = (status: string, usage: object | null) => ({
  id: "resp_1",
  object: "response",
  created_at: 1760000000,
  status,
  model: "o4-mini-2025-04-16",
  output:
    status === "completed"
      ? [
          {
            type: "message",
            id: "msg_1",
            status: "completed",
            role: "assistant",
            content: [{ type: "output_text", text: "Hi", annotations: [] }],
          },
        ]
      : [],
  service_tier: "flex",
  usage,
});

const message = (usage: object, content: object[], stop: string | null) => ({
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-5-20250929",
  content,
  stop_reason: stop,
  stop_sequence: null,
  usage,
});

function anthropicEvents(): Array<[string, object]> {
  return [
    ["message_start", { type: "message_start", message: message({ ...ANTHROPIC_USAGE, output_tokens: 1 }, [], null) }],
    ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
    ["ping", { type: "ping" }],
    ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } }],
    ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "lo" } }],
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    [
      "message_delta",
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 800 } },
    ],
    ["message_stop", { type: "message_stop" }],
  ];
}

/** whisper-1's usage: seconds of audio. */
export const TRANSCRIPTION_USAGE = { type: "duration", seconds: 61 };
/** gpt-image-1's usage: output_tokens are image tokens. */
export const IMAGE_TOKEN_USAGE = {
  input_tokens: 50,
  input_tokens_details: { text_tokens: 50, image_tokens: 0 },
  output_tokens: 4160,
  total_tokens: 4210,
};

export interface Providers {
  url: string;
  bodies: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startProviders(): Promise<Providers> {
  const bodies: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      // Transcriptions upload multipart form data: the fake answers them without reading it.
      const body = String(req.headers["content-type"]).startsWith("multipart/") ? {} : JSON.parse(raw || "{}");
      bodies.push(body);
      const json = (status: number, value: object) => {
        res.writeHead(status, { "content-type": "application/json", "x-request-id": "req_1", "request-id": "req_1" });
        res.end(JSON.stringify(value));
      };
      const sse = (events: Array<[string | null, object | string]>) => {
        res.writeHead(200, { "content-type": "text/event-stream", "x-request-id": "req_1", "request-id": "req_1" });
        for (const [event, data] of events)
          res.write(
            `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`,
          );
        res.end();
      };
      if ("inferledger" in body) {
        const error = { message: "Unrecognized request argument supplied: inferledger", type: "invalid_request_error" };
        return json(400, req.url!.includes("/messages") ? { type: "error", error } : { error });
      }
      if (body.model === "boom") {
        const error = { message: "model boom does not exist", type: "invalid_request_error" };
        return json(400, req.url!.includes("/messages") ? { type: "error", error } : { error });
      }
      if (req.url === "/v1/chat/completions") {
        if (!body.stream) {
          return json(200, {
            ...chatBase,
            object: "chat.completion",
            choices: [
              {
                index: 0,
                message: { role: "assistant", content: "Hello", refusal: null, annotations: [] },
                logprobs: null,
                finish_reason: "stop",
              },
            ],
            usage: OPENAI_CHAT_USAGE,
          });
        }
        return sse([
          ...chatChunks(body.stream_options?.include_usage === true).map((c): [null, object] => [null, c]),
          [null, "[DONE]"],
        ]);
      }
      if (req.url === "/v1/responses") {
        if (!body.stream) return json(200, response("completed", OPENAI_RESPONSES_USAGE));
        return sse([
          [
            "response.created",
            { type: "response.created", sequence_number: 0, response: response("in_progress", null) },
          ],
          [
            "response.output_item.added",
            {
              type: "response.output_item.added",
              sequence_number: 1,
              output_index: 0,
              item: { type: "message", id: "msg_1", status: "in_progress", role: "assistant", content: [] },
            },
          ],
          [
            "response.content_part.added",
            {
              type: "response.content_part.added",
              sequence_number: 2,
              item_id: "msg_1",
              output_index: 0,
              content_index: 0,
              part: { type: "output_text", text: "", annotations: [] },
            },
          ],
          [
            "response.output_text.delta",
            {
              type: "response.output_text.delta",
              sequence_number: 3,
              item_id: "msg_1",
              output_index: 0,
              content_index: 0,
              delta: "Hi",
            },
          ],
          [
            "response.output_text.done",
            {
              type: "response.output_text.done",
              sequence_number: 4,
              item_id: "msg_1",
              output_index: 0,
              content_index: 0,
              text: "Hi",
            },
          ],
          [
            "response.completed",
            { type: "response.completed", sequence_number: 5, response: response("completed", OPENAI_RESPONSES_USAGE) },
          ],
        ]);
      }
      if (req.url === "/v1/audio/transcriptions") return json(200, { text: "Hello", usage: TRANSCRIPTION_USAGE });
      if (req.url === "/v1/audio/speech") {
        res.writeHead(200, { "content-type": "audio/mpeg", "x-request-id": "req_1" });
        return res.end(Buffer.from("ID3fake-mp3"));
      }
      if (req.url === "/v1/images/generations") {
        const data = Array.from({ length: Number(body.n ?? 1) }, () => ({ url: "https://example.com/image.png" }));
        return json(200, {
          created: 1760000000,
          data,
          ...(String(body.model).startsWith("gpt-image") ? { usage: IMAGE_TOKEN_USAGE } : {}),
        });
      }
      if (req.url === "/v1/messages") {
        if (!body.stream) return json(200, message(ANTHROPIC_USAGE, [{ type: "text", text: "Hello" }], "end_turn"));
        return sse(anthropicEvents());
      }
      json(404, { error: { message: `no route ${req.url}`, type: "not_found" } });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
