"""The real `openai` package against the fake provider: one usage event per call, with the raw usage
object as the API returned it, streams included."""

from __future__ import annotations

import asyncio
import copy

import openai
import pytest
from fakes.provider import CHAT_USAGE, IMAGE_TOKEN_USAGE, RESPONSES_USAGE, TRANSCRIPTION_USAGE

import inferledger

MESSAGES = [{"role": "user", "content": "hi"}]


def sync_client(provider, il, **kw) -> openai.OpenAI:
    return inferledger.wrap_openai(openai.OpenAI(api_key="sk-test", base_url=provider.url + "/v1", max_retries=0), il, **kw)


def async_client(provider, il, **kw) -> openai.AsyncOpenAI:
    return inferledger.wrap_openai(openai.AsyncOpenAI(api_key="sk-test", base_url=provider.url + "/v1", max_retries=0), il, **kw)


def one_event(il, ingest) -> dict:
    il.flush(5)
    events = ingest.state.stored()
    assert len(events) == 1, events
    return events[0]


def expect_usage_event(event: dict, **fields) -> None:
    """The fields an observed call always has, then the case's own."""
    assert event["type"] == "usage"
    assert event["provider"] == "openai"
    assert event["status"] == fields.pop("status", "ok")
    assert isinstance(event["latency_ms"], int) and event["latency_ms"] >= 0
    for key, value in fields.items():
        assert event.get(key) == value, key


def test_chat_completion_records_model_usage_and_tier(provider, il, ingest):
    answer = sync_client(provider, il).chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert answer.choices[0].message.content == "Hello"
    event = one_event(il, ingest)
    expect_usage_event(event, model="gpt-4o-2024-08-06", usage=CHAT_USAGE, service_tier="standard")
    assert set(event) == {"type", "event_id", "occurred_at", "provider", "model", "service_tier", "usage", "usage_format", "latency_ms", "status"}
    assert event["usage_format"] == "openai_chat"


def test_stream_without_include_usage_gets_usage_and_hides_the_extra_chunk(provider, il, ingest):
    before = len(provider.requests)
    stream = sync_client(provider, il).chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
    chunks = list(stream)
    assert [c.choices[0].delta.content for c in chunks] == ["Hel", "lo"]
    assert all(c.usage is None for c in chunks)
    assert provider.requests[before]["body"]["stream_options"] == {"include_usage": True}
    expect_usage_event(one_event(il, ingest), model="gpt-4o-2024-08-06", usage=CHAT_USAGE)


def test_stream_with_include_usage_passes_every_chunk(provider, il, ingest):
    stream = sync_client(provider, il).chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert len(chunks) == 3 and chunks[-1].choices == []
    assert chunks[-1].usage.prompt_tokens == 12000
    expect_usage_event(one_event(il, ingest), model="gpt-4o-2024-08-06", usage=CHAT_USAGE)


def test_chat_stream_and_parse_helpers_are_observed(provider, il, ingest):
    client = sync_client(provider, il)
    with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
        assert stream.get_final_completion().choices[0].message.content == "Hello"
    assert client.chat.completions.parse(model="gpt-4o", messages=MESSAGES).choices[0].message.content == "Hello"
    il.flush(5)
    stored = ingest.state.stored()
    assert len(stored) == 2
    for event in stored:
        expect_usage_event(event, model="gpt-4o-2024-08-06", usage=CHAT_USAGE, usage_format="openai_chat")


def test_responses_create_and_stream(provider, il, ingest):
    client = sync_client(provider, il)
    assert client.responses.create(model="gpt-5", input="hi").output_text == "Hello"
    events = list(client.responses.create(model="gpt-5", input="hi", stream=True))
    assert [e.type for e in events][-2:] == ["response.output_item.done", "response.completed"]
    with client.responses.stream(model="gpt-5", input="hi") as stream:
        assert stream.get_final_response().output_text == "Hello"
    assert client.responses.parse(model="gpt-5", input="hi").output_text == "Hello"
    il.flush(5)
    stored = ingest.state.stored()
    assert len(stored) == 4
    for event in stored:
        expect_usage_event(event, model="gpt-5-2025-08-07", usage=RESPONSES_USAGE, usage_format="openai_responses", service_tier="standard")


def test_an_error_is_recorded_once_and_reraised(provider, il, ingest):
    client = inferledger.wrap_openai(openai.OpenAI(api_key="sk-test", base_url=provider.url + "/v1", max_retries=2), il)
    before = len(provider.requests)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="fail-500", messages=MESSAGES)
    assert len(provider.requests) - before == 3  # the openai client retried twice inside one call
    event = one_event(il, ingest)
    expect_usage_event(event, model="fail-500", status="error", error_type="http_500")
    assert "usage" not in event and "usage_format" not in event


def test_wrapping_twice_records_once(provider, il, ingest):
    client = sync_client(provider, il)
    assert inferledger.wrap_openai(client, il) is client
    client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    one_event(il, ingest)


def test_a_stream_closed_early_is_recorded_as_aborted(provider, il, ingest):
    stream = sync_client(provider, il).chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
    next(iter(stream))
    stream.close()
    event = one_event(il, ingest)
    expect_usage_event(event, model="gpt-4o-2024-08-06", status="error", error_type="stream_aborted")
    assert "usage" not in event


def test_raw_response_calls_pass_through_unobserved(provider, il, ingest):
    raw = sync_client(provider, il).chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    assert raw.parse().usage.prompt_tokens == 12000
    il.flush(5)
    assert ingest.state.stored() == []


def test_attribution_context_wins_over_wrapper_options(provider, il, ingest):
    client = sync_client(provider, il, customer="wrapper-customer", feature="wrapper-feature", metadata={"a": "1"})
    with inferledger.context(customer="acme", metadata={"b": "2"}):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    expect_usage_event(one_event(il, ingest), customer="acme", feature="wrapper-feature", metadata={"a": "1", "b": "2"})


def test_async_client_create_stream_and_responses(provider, il, ingest):
    client = async_client(provider, il)

    async def main() -> None:
        with inferledger.context(customer="async-co"):
            await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
            stream = await client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
            assert [c.choices[0].delta.content async for c in stream] == ["Hel", "lo"]
            stream = await client.responses.create(model="gpt-5", input="hi", stream=True)
            assert [e.type async for e in stream][-1] == "response.completed"
            with pytest.raises(openai.RateLimitError):
                await client.chat.completions.create(model="fail-429", messages=MESSAGES)

    asyncio.run(main())
    il.flush(5)
    stored = ingest.state.stored()
    assert [(e["model"], e["status"], e.get("usage"), e["customer"]) for e in stored] == [
        ("gpt-4o-2024-08-06", "ok", CHAT_USAGE, "async-co"),
        ("gpt-4o-2024-08-06", "ok", CHAT_USAGE, "async-co"),
        ("gpt-5-2025-08-07", "ok", RESPONSES_USAGE, "async-co"),
        ("fail-429", "error", None, "async-co"),
    ]
    assert stored[-1]["error_type"] == "http_429"


def test_the_callers_params_are_not_changed(provider, il, ingest):
    params = {"model": "gpt-4o", "messages": MESSAGES, "stream": True}
    kept = copy.deepcopy(params)
    list(sync_client(provider, il).chat.completions.create(**params))
    assert params == kept


def test_transcription_records_whispers_duration_usage(provider, il, ingest):
    with inferledger.context(customer="acme"):
        answer = sync_client(provider, il).audio.transcriptions.create(model="whisper-1", file=("hello.wav", b"RIFFfake-wav", "audio/wav"))
    assert answer.text == "Hello"
    expect_usage_event(one_event(il, ingest), model="whisper-1", customer="acme", usage=TRANSCRIPTION_USAGE)


def test_speech_records_the_inputs_characters_and_returns_the_audio(provider, il, ingest):
    text = "Your order has shipped. \u2708\ufe0f"
    audio = sync_client(provider, il).audio.speech.create(model="tts-1-hd", voice="alloy", input=text)
    assert audio.content == b"ID3fake-mp3"
    expect_usage_event(one_event(il, ingest), model="tts-1-hd", usage={"characters": len(text)})


def test_images_record_dall_e_pieces_with_size_and_quality_and_gpt_image_tokens(provider, il, ingest):
    client = async_client(provider, il)

    async def generate() -> None:
        answer = await client.images.generate(model="dall-e-3", prompt="a lighthouse", size="1024x1792", quality="hd", n=2)
        assert len(answer.data) == 2
        await client.images.generate(model="dall-e-2", prompt="a lighthouse")
        await client.images.generate(model="gpt-image-1", prompt="a lighthouse")

    asyncio.run(generate())
    il.flush(5)
    events = ingest.state.stored()
    assert [(e["model"], e["usage"]) for e in events] == [
        ("dall-e-3", {"images": 2, "size": "1024x1792", "quality": "hd"}),
        ("dall-e-2", {"images": 1}),
        ("gpt-image-1", IMAGE_TOKEN_USAGE),
    ]
