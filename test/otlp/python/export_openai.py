"""Real clients, configured only the documented way: the official OpenTelemetry SDK with the
OTLP/HTTP (protobuf) exporter from OTEL_EXPORTER_OTLP_* variables, the official
opentelemetry-instrumentation-openai-v2, and the `openai` package pointed at OPENAI_BASE_URL.
The customer travels as baggage, copied onto spans by the BaggageSpanProcessor."""

from opentelemetry import baggage, context, trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.openai_v2 import OpenAIInstrumentor
from opentelemetry.processor.baggage import ALLOW_ALL_BAGGAGE_KEYS, BaggageSpanProcessor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

import openai

provider = TracerProvider()
provider.add_span_processor(BaggageSpanProcessor(ALLOW_ALL_BAGGAGE_KEYS))
provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
trace.set_tracer_provider(provider)
OpenAIInstrumentor().instrument()

client = openai.OpenAI()
token = context.attach(baggage.set_baggage("inferledger.customer", "acme"))
with trace.get_tracer("acceptance").start_as_current_span("POST /answer"):
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hello"}])
    stream = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Hello"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    for _ in stream:
        pass
    client.embeddings.create(model="text-embedding-3-small", input=["a ticket to index"])
context.detach(token)
provider.shutdown()
