"""The real `anthropic` package against the fake provider: raw usage with cache tokens, streams included."""

from __future__ import annotations

import asyncio

import anthropic
import pytest
from fakes.provider import ANTHROPIC_USAGE

import inferledger

MESSAGES = [{"role": "user", "content": "hi"}]
MODEL = "claude-sonnet-4-5-20250929"


def clients(provider, il):
    kw = {"api_key": "sk-ant-test", "base_url": provider.url, "max_retries": 0}
    return inferledger.wrap_anthropic(anthropic.Anthropic(**kw), il), inferledger.wrap_anthropic(anthropic.AsyncAnthropic(**kw), il)


def stored(il, ingest, n):
    il.flush(5)
    events = ingest.state.stored()
    assert len(events) == n, events
    return events


def test_create_streamed_create_and_stream_helper(provider, il, ingest):
    client, _ = clients(provider, il)
    with inferledger.context(customer="acme", feature="support-bot"):
        assert client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=MESSAGES).content[0].text == "Hello"
        events = list(client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=MESSAGES, stream=True))
        assert events[-1].type == "message_stop"
        with client.messages.stream(model="claude-sonnet-4-5", max_tokens=64, messages=MESSAGES) as stream:
            assert stream.get_final_message().usage.cache_read_input_tokens == 50000
    for event in stored(il, ingest, 3):
        assert {k: event[k] for k in ("provider", "model", "usage", "usage_format", "service_tier", "customer", "feature", "status")} == {
            "provider": "anthropic",
            "model": MODEL,
            "usage": ANTHROPIC_USAGE,
            "usage_format": "anthropic",
            "service_tier": "standard",
            "customer": "acme",
            "feature": "support-bot",
            "status": "ok",
        }


def test_async_create_stream_and_error(provider, il, ingest):
    _, client = clients(provider, il)

    async def main() -> None:
        await client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=MESSAGES)
        async with client.messages.stream(model="claude-sonnet-4-5", max_tokens=64, messages=MESSAGES) as stream:
            await stream.get_final_message()
        with pytest.raises(anthropic.InternalServerError):
            await client.messages.create(model="fail-500", max_tokens=64, messages=MESSAGES)

    asyncio.run(main())
    events = stored(il, ingest, 3)
    assert [(e["model"], e.get("usage"), e["status"], e.get("error_type")) for e in events] == [
        (MODEL, ANTHROPIC_USAGE, "ok", None),
        (MODEL, ANTHROPIC_USAGE, "ok", None),
        ("fail-500", None, "error", "http_500"),
    ]


def test_beta_messages(provider, il, ingest):
    client, _ = clients(provider, il)
    client.beta.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=MESSAGES)
    assert stored(il, ingest, 1)[0]["usage"] == ANTHROPIC_USAGE


def test_wrapping_twice_records_once(provider, il, ingest):
    client, _ = clients(provider, il)
    inferledger.wrap_anthropic(client, il)
    client.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=MESSAGES)
    stored(il, ingest, 1)
