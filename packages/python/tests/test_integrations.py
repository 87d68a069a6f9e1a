"""The LangChain handler with the real langchain-openai / langchain-anthropic chat models, and the
LiteLLM logger with the real litellm, all against the fake provider."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from fakes.provider import ANTHROPIC_USAGE, CHAT_USAGE

import inferledger


MESSAGES = [{"role": "user", "content": "hi"}]
# LangChain's usage_metadata is inclusive: input_tokens counts the cached and cache-write tokens.
LANGCHAIN_OPENAI_USAGE = {
    "input_tokens": CHAT_USAGE["prompt_tokens"],
    "output_tokens": CHAT_USAGE["completion_tokens"],
    "total_tokens": CHAT_USAGE["total_tokens"],
    "input_token_details": {"audio": 0, "cache_read": 8000},
    "output_token_details": {"audio": 0, "reasoning": 64},
}
ANTHROPIC_INPUT = sum(ANTHROPIC_USAGE[k] for k in ("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"))
LANGCHAIN_ANTHROPIC_USAGE = {
    "input_tokens": ANTHROPIC_INPUT,
    "output_tokens": 800,
    "total_tokens": ANTHROPIC_INPUT + 800,
    "input_token_details": {"cache_read": 50000, "cache_creation": 10000},
}


def stored(il, ingest, n: int) -> list:
    """Events reach the client from framework threads and tasks: wait for n of them."""
    end = time.monotonic() + 10
    while len(ingest.state.stored()) < n and time.monotonic() < end:
        il.flush(1)
        time.sleep(0.02)
    events = ingest.state.stored()
    assert len(events) == n, events
    return events


class TestLangChain:
    def models(self, provider):
        from langchain_anthropic import ChatAnthropic
        from langchain_openai import ChatOpenAI

        openai_model = ChatOpenAI(model="gpt-4o", base_url=provider.url + "/v1", api_key="sk-test", max_retries=0, stream_usage=True)
        anthropic_model = ChatAnthropic(model="claude-sonnet-4-5", base_url=provider.url, api_key="sk-test", max_retries=0)
        return openai_model, anthropic_model

    def test_invoke_stream_and_anthropic_cache_tokens(self, provider, il, ingest):
        from inferledger.integrations.langchain import InferLedgerCallbackHandler

        chat, claude = self.models(provider)
        handler = InferLedgerCallbackHandler(il, feature="support-bot", metadata={"app": "lc"})
        config = {"callbacks": [handler], "metadata": {"inferledger.customer": "acme"}}
        assert chat.invoke("hi", config=config).content == "Hello"
        assert "".join(c.content for c in chat.stream("hi", config=config)) == "Hello"
        claude.invoke("hi", config=config)
        events = stored(il, ingest, 3)
        common = {"customer": "acme", "feature": "support-bot", "usage_format": "langchain", "status": "ok", "metadata": {"app": "lc"}}
        for event in events:
            assert {k: event.get(k) for k in common} == common
            assert isinstance(event["latency_ms"], int)
        assert [(e["provider"], e["model"], e["usage"]) for e in events] == [
            ("openai", "gpt-4o-2024-08-06", LANGCHAIN_OPENAI_USAGE),
            ("openai", "gpt-4o-2024-08-06", LANGCHAIN_OPENAI_USAGE),
            ("anthropic", "claude-sonnet-4-5-20250929", LANGCHAIN_ANTHROPIC_USAGE),
        ]

    def test_async_runs_keep_the_context_and_errors_are_recorded(self, provider, il, ingest):
        from langchain_openai import ChatOpenAI

        from inferledger.integrations.langchain import InferLedgerCallbackHandler

        chat, _ = self.models(provider)
        failing = ChatOpenAI(model="fail-500", base_url=provider.url + "/v1", api_key="sk-test", max_retries=0)
        handler = InferLedgerCallbackHandler(il)

        async def main() -> None:
            async def one(customer: str) -> None:
                with inferledger.context(customer=customer, feature="async"):
                    await chat.ainvoke("hi", config={"callbacks": [handler]})

            await asyncio.gather(one("a"), one("b"))
            with pytest.raises(Exception, match="500"):
                await failing.ainvoke("hi", config={"callbacks": [handler]})

        asyncio.run(main())
        events = stored(il, ingest, 3)
        assert sorted((e.get("customer", "-"), e.get("feature", "-"), e["status"]) for e in events) == [
            ("-", "-", "error"), ("a", "async", "ok"), ("b", "async", "ok"),
        ]
        error = next(e for e in events if e["status"] == "error")
        assert (error["model"], error["error_type"], "usage" in error) == ("fail-500", "http_500", False)


class TestLiteLLM:
    @pytest.fixture
    def litellm(self, il):
        import litellm

        from inferledger.integrations.litellm import InferLedgerLogger

        # LiteLLM copies litellm.callbacks into its own lists on first use: each test starts them afresh.
        lists = ("callbacks", "input_callback", "success_callback", "failure_callback", "_async_success_callback", "_async_failure_callback")
        for name in lists:
            setattr(litellm, name, [])
        litellm.callbacks = [InferLedgerLogger(il, feature="gateway")]
        yield litellm
        for name in lists:
            setattr(litellm, name, [])

    def test_completion_stream_anthropic_and_error(self, provider, il, ingest, litellm):
        openai_args = {"api_base": provider.url + "/v1", "api_key": "sk-test", "messages": MESSAGES}
        with inferledger.context(customer="ctx-co"):
            answer = litellm.completion(model="openai/gpt-4o", metadata={"inferledger.customer": "acme"}, **openai_args)
            for _ in litellm.completion(model="openai/gpt-4o", stream=True, stream_options={"include_usage": True}, **openai_args):
                pass
            litellm.completion(model="anthropic/claude-sonnet-4-5", api_base=provider.url, api_key="sk-test", messages=MESSAGES)
            with pytest.raises(Exception, match="500"):
                litellm.completion(model="openai/fail-500", num_retries=0, **openai_args)
        events = stored(il, ingest, 4)
        by_model = {(e["model"], e["status"], e.get("customer")): e for e in events}
        first = by_model[("gpt-4o-2024-08-06", "ok", "acme")]  # run metadata wins over the context
        assert first["usage"] == CHAT_USAGE and first["usage_format"] == "litellm" and first["feature"] == "gateway"
        assert first["cost_usd"] == format(litellm.completion_cost(completion_response=answer), "f").rstrip("0")
        streamed = by_model[("gpt-4o", "ok", "ctx-co")]  # the stream's callback runs in a LiteLLM thread
        assert {k: streamed["usage"][k] for k in CHAT_USAGE} == CHAT_USAGE
        claude = by_model[("claude-sonnet-4-5-20250929", "ok", "ctx-co")]
        assert claude["provider"] == "anthropic"
        assert {k: claude["usage"][k] for k in ("prompt_tokens", "completion_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")} == {
            "prompt_tokens": ANTHROPIC_INPUT,
            "completion_tokens": 800,
            "cache_read_input_tokens": 50000,
            "cache_creation_input_tokens": 10000,
        }
        failed = by_model[("fail-500", "error", "ctx-co")]
        assert failed["error_type"] == "http_500" and "usage" not in failed and "cost_usd" not in failed
        assert all(re.fullmatch(r"\d+(\.\d+)?", e["cost_usd"]) for e in events if "cost_usd" in e)

    def test_async_completion_keeps_the_context(self, provider, il, ingest, litellm):
        async def main() -> None:
            with inferledger.context(customer="async-co"):
                await litellm.acompletion(model="openai/gpt-4o", api_base=provider.url + "/v1", api_key="sk-test", messages=MESSAGES)
            for _ in range(200):  # LiteLLM logs from a task of this loop: keep it running until it did
                if il.stats().queued or il.stats().sent:
                    break
                await asyncio.sleep(0.02)

        asyncio.run(main())
        (event,) = stored(il, ingest, 1)
        assert (event["customer"], event["feature"], event["usage"]) == ("async-co", "gateway", CHAT_USAGE)


def test_importing_inferledger_imports_no_framework():
    import subprocess
    import sys

    code = "import sys, inferledger; print(sorted(m for m in ('openai', 'anthropic', 'langchain_core', 'litellm') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
