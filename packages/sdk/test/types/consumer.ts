// Compiled by types.test.ts with tsc --strict, module nodenext, against the installed packages'
// own types: the real usage types of openai, @anthropic-ai/sdk, the Vercel AI SDK and LangChain
// go into track() without casts, and the per-call `inferledger` option is typed.
import Anthropic from "@anthropic-ai/sdk";
import type { Usage as AnthropicUsage } from "@anthropic-ai/sdk/resources/messages/messages";
import type { UsageMetadata } from "@langchain/core/messages";
import type { LanguageModelUsage } from "ai";
import OpenAI from "openai";
import type { CompletionUsage } from "openai/resources/completions";
import type { ResponseUsage } from "openai/resources/responses/responses";
import { createClient, type Totals } from "@inferledger/sdk";
import { wrapAnthropic } from "@inferledger/sdk/anthropic";
import { wrapOpenAI } from "@inferledger/sdk/openai";

declare const chat: CompletionUsage;
declare const responses: ResponseUsage;
declare const anthropicUsage: AnthropicUsage;
declare const vercel: LanguageModelUsage;
declare const langchain: UsageMetadata;

const il = createClient({ apiKey: "k", endpoint: "http://127.0.0.1:3000" });
il.track({ provider: "openai", model: "gpt-4o", usage: chat });
il.track({ provider: "openai", model: "o4-mini", usage: responses });
il.track({ provider: "anthropic", model: "claude-sonnet-4-5", usage: anthropicUsage });
il.track({ provider: "openai", model: "gpt-4o", usage: vercel });
il.track({ provider: "openai", model: "gpt-4o", usage: langchain });

const openai = wrapOpenAI(new OpenAI({ apiKey: "sk" }), { client: il, feature: "chat" });
const anthropic = wrapAnthropic(new Anthropic({ apiKey: "sk" }), { client: il });
const messages = [{ role: "user" as const, content: "hi" }];

export async function calls(): Promise<Totals> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages,
    inferledger: { customer: "acme", feature: "support-bot" },
  });
  il.track({ provider: "openai", model: completion.model, usage: completion.usage });
  const stream = await openai.chat.completions.create({
    model: "gpt-4o",
    messages,
    stream: true,
    inferledger: { customer: "acme" },
  });
  for await (const chunk of stream)
    il.track({ provider: "openai", model: chunk.model, usage: chunk.usage ?? undefined });
  await openai.chat.completions
    .stream({ model: "gpt-4o", messages, inferledger: { customer: "acme" } })
    .finalChatCompletion();
  await openai.chat.completions.parse({ model: "gpt-4o", messages, inferledger: { customer: "acme" } });
  const response = await openai.responses.create({ model: "o4-mini", input: "hi", inferledger: { feature: "search" } });
  il.track({ provider: "openai", model: response.model, usage: response.usage });
  await openai.responses.stream({ model: "o4-mini", input: "hi", inferledger: { feature: "search" } }).finalResponse();
  const message = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 100,
    messages,
    inferledger: { customer: "acme" },
  });
  il.track({ provider: "anthropic", model: message.model, usage: message.usage });
  await anthropic.messages
    .stream({ model: "claude-sonnet-4-5", max_tokens: 100, messages, inferledger: { customer: "acme" } })
    .finalMessage();
  await anthropic.beta.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 100,
    messages,
    inferledger: { customer: "acme" },
  });
  // @ts-expect-error the per-call option is checked: a misspelt field is an error
  await openai.chat.completions.create({ model: "gpt-4o", messages, inferledger: { customr: "acme" } });
  return il.shutdown();
}
