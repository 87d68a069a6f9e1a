/**
 * The "Send data" page's snippets, each filled in with the instance's URL. Pure functions, so
 * that tests run every one the way a reader would paste it (test/otlp/send-data-snippets.test.ts;
 * the TypeScript one in test/sdk/docs.test.ts). The ingest key stays a variable: it is shown only once.
 */
import { pipInstallCommand, sdkInstallCommand } from "@/lib/sdk/install";
import { curlSnippet, sdkSnippet } from "@/lib/sdk/snippets";

interface Snippet {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly install?: string;
  readonly code: string;
}

const OTLP_PATH = "/api/otlp";

/** The OpenTelemetry SDKs' own variables: any OTLP/HTTP exporter sends its traces to us. */
export function otelEnvSnippet(endpoint: string): string {
  return [
    `export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}${OTLP_PATH}`,
    `export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`,
    `export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20$INFERLEDGER_KEY"`,
    `export OTEL_SERVICE_NAME=support-api`,
    `# customer and feature of every span of this service (or per request, as baggage or span attributes)`,
    `export OTEL_RESOURCE_ATTRIBUTES=inferledger.feature=support-bot`,
  ].join("\n");
}

function typescriptSnippet(endpoint: string): string {
  return [
    sdkSnippet(endpoint),
    ``,
    `// or wrap the OpenAI / Anthropic client: every call, streams included, is tracked`,
    `import OpenAI from "openai";`,
    `import { wrapOpenAI } from "@inferledger/sdk/openai";`,
    `const openai = wrapOpenAI(new OpenAI(), { client: ledger, feature: "support-bot" });`,
  ].join("\n");
}

function pythonSnippet(endpoint: string): string {
  return [
    `import os`,
    `import inferledger`,
    `from openai import OpenAI`,
    ``,
    `ledger = inferledger.Client(api_key=os.environ["INFERLEDGER_KEY"], endpoint="${endpoint}")`,
    `openai = inferledger.wrap_openai(OpenAI(), ledger, feature="support-bot")`,
    ``,
    `with inferledger.context(customer="acme"):`,
    `    openai.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])`,
  ].join("\n");
}

function openTelemetryPythonSnippet(): string {
  return [
    `# pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-http \\`,
    `#   opentelemetry-instrumentation-openai-v2 opentelemetry-processor-baggage`,
    `from opentelemetry import baggage, context, trace`,
    `from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter`,
    `from opentelemetry.instrumentation.openai_v2 import OpenAIInstrumentor`,
    `from opentelemetry.processor.baggage import ALLOW_ALL_BAGGAGE_KEYS, BaggageSpanProcessor`,
    `from opentelemetry.sdk.trace import TracerProvider`,
    `from opentelemetry.sdk.trace.export import BatchSpanProcessor`,
    ``,
    `provider = TracerProvider()`,
    `provider.add_span_processor(BaggageSpanProcessor(ALLOW_ALL_BAGGAGE_KEYS))`,
    `provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))  # reads OTEL_EXPORTER_OTLP_*`,
    `trace.set_tracer_provider(provider)`,
    `OpenAIInstrumentor().instrument()`,
    ``,
    `# per request: the customer travels as baggage onto every GenAI span`,
    `token = context.attach(baggage.set_baggage("inferledger.customer", "acme"))`,
  ].join("\n");
}

function langChainSnippet(endpoint: string): string {
  return [
    `import os`,
    `import inferledger`,
    `from inferledger.integrations.langchain import InferLedgerCallbackHandler`,
    `from langchain_openai import ChatOpenAI`,
    ``,
    `ledger = inferledger.Client(api_key=os.environ["INFERLEDGER_KEY"], endpoint="${endpoint}")`,
    `llm = ChatOpenAI(model="gpt-4o", callbacks=[InferLedgerCallbackHandler(ledger, feature="support-bot")])`,
    ``,
    `# or send a message's usage_metadata yourself (cache reads and writes priced apart):`,
    `# ledger.track(provider="openai", model="gpt-4o", usage=message.usage_metadata, customer="acme")`,
  ].join("\n");
}

function liteLlmSnippet(endpoint: string): string {
  return [
    `import os`,
    `import inferledger`,
    `import litellm`,
    `from inferledger.integrations.litellm import InferLedgerLogger`,
    ``,
    `ledger = inferledger.Client(api_key=os.environ["INFERLEDGER_KEY"], endpoint="${endpoint}")`,
    `litellm.callbacks = [InferLedgerLogger(ledger, feature="support-bot")]`,
    ``,
    `# or send a response's usage yourself (LiteLLM's cache fields are read as such):`,
    `# ledger.track(provider="anthropic", model="claude-sonnet-4-5", usage=response.usage.model_dump())`,
  ].join("\n");
}

function vercelAiSnippet(endpoint: string): string {
  return [
    `// npm install @opentelemetry/sdk-trace-node @opentelemetry/exporter-trace-otlp-proto`,
    `import { NodeTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-node";`,
    `import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";`,
    `import { generateText } from "ai";`,
    `import { openai } from "@ai-sdk/openai";`,
    ``,
    `const exporter = new OTLPTraceExporter({`,
    `  url: "${endpoint}${OTLP_PATH}/v1/traces",`,
    `  headers: { Authorization: \`Bearer \${process.env.INFERLEDGER_KEY}\` },`,
    `});`,
    `const tracing = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });`,
    `tracing.register();`,
    ``,
    `const { text, usage } = await generateText({`,
    `  model: openai("gpt-4o"),`,
    `  prompt: "Summarise this ticket",`,
    `  // functionId becomes the feature; metadata can name the customer`,
    `  experimental_telemetry: { isEnabled: true, functionId: "summarize", metadata: { "inferledger.customer": "acme" } },`,
    `});`,
    `await tracing.shutdown(); // exports the last spans: a script calls it before it exits, a server on shutdown`,
    ``,
    `// or without OpenTelemetry: pass the usage object as it is (v4, v5 and v6 shapes)`,
    `// ledger.track({ provider: "openai", model: "gpt-4o", usage, customer: "acme", feature: "summarize" });`,
  ].join("\n");
}

export function sendDataSnippets(endpoint: string): Snippet[] {
  return [
    {
      id: "typescript",
      title: "TypeScript",
      description: "The SDK batches in the background, retries, and never throws into your app.",
      install: `${sdkInstallCommand(endpoint)} openai`,
      code: typescriptSnippet(endpoint),
    },
    {
      id: "python",
      title: "Python",
      description:
        "The Python SDK: the same semantics, standard library only; wraps openai and anthropic clients (sync, async, streams).",
      install: `${pipInstallCommand(endpoint)} openai`,
      code: pythonSnippet(endpoint),
    },
    {
      id: "opentelemetry",
      title: "OpenTelemetry",
      description: `Any OpenTelemetry GenAI instrumentation (opentelemetry-instrumentation-openai-v2, OpenLLMetry, OpenInference, the Vercel AI SDK, Pydantic AI...) exporting OTLP/HTTP: spans with token usage become priced events, the others are ignored. Set these variables, then start your service.`,
      code: `${otelEnvSnippet(endpoint)}\n\n${openTelemetryPythonSnippet()}`,
    },
    {
      id: "langchain",
      title: "LangChain",
      description: "A callback handler records every chat model run; or send usage_metadata as it is.",
      install: `${pipInstallCommand(endpoint)} langchain-openai`,
      code: langChainSnippet(endpoint),
    },
    {
      id: "litellm",
      title: "LiteLLM",
      description: "A custom logger records every completion, success or failure, with LiteLLM's usage.",
      install: `${pipInstallCommand(endpoint)} litellm`,
      code: liteLlmSnippet(endpoint),
    },
    {
      id: "vercel-ai",
      title: "Vercel AI SDK",
      description:
        "experimental_telemetry exported over OTLP; only the provider calls are counted, so multi-step calls are not counted twice.",
      install: "npm install ai @ai-sdk/openai",
      code: vercelAiSnippet(endpoint),
    },
    {
      id: "curl",
      title: "curl",
      description: "The HTTP API itself: a batch of up to 1,000 events per request, answered per event.",
      code: curlSnippet(endpoint),
    },
  ];
}
