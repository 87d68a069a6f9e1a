"""Observes an `openai` client (OpenAI or AsyncOpenAI): Chat Completions and Responses, streamed or
not; transcriptions, speech and image generation."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple, TypeVar

from ._wrap import Endpoint, Fields, WrapOptions, observe_resource, tier_of, usage_dict

T = TypeVar("T")


def _answer(r: Any, usage_format: str) -> Fields:
    return {
        "model": getattr(r, "model", None),
        "usage": usage_dict(getattr(r, "usage", None)),
        "usage_format": usage_format,
        "service_tier": tier_of(getattr(r, "service_tier", None)),
    }


class _Chat:
    """Usage arrives on a stream's last chunk only with stream_options.include_usage: the wrapper
    asks for it, and hides that extra chunk when the caller had not asked."""

    def prepare(self, body: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        options = body.get("stream_options")
        options = options if isinstance(options, Mapping) else {}
        if body.get("stream") is not True or options.get("include_usage") is True:
            return body, False
        body["stream_options"] = {**options, "include_usage": True}
        return body, True

    def result(self, answer: Any, body: Mapping[str, Any]) -> Fields:
        return _answer(answer, "openai_chat")

    def chunk(self, acc: Fields, chunk: Any, strip: bool) -> bool:
        acc["usage_format"] = "openai_chat"
        if getattr(chunk, "model", None):
            acc["model"] = chunk.model
        if getattr(chunk, "service_tier", None):
            acc["service_tier"] = tier_of(chunk.service_tier)
        usage = getattr(chunk, "usage", None)
        if usage is not None:
            acc["usage"] = usage_dict(usage)
            if strip and not getattr(chunk, "choices", None):
                return False  # the usage-only chunk the caller did not ask for
        return True


class _Responses:
    """Responses streams end with response.completed (or .incomplete / .failed) carrying usage."""

    def prepare(self, body: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        return body, False

    def result(self, answer: Any, body: Mapping[str, Any]) -> Fields:
        return _answer(answer, "openai_responses")

    def chunk(self, acc: Fields, event: Any, strip: bool) -> bool:
        r = getattr(event, "response", None)
        if r is None:
            return True
        acc.update({k: v for k, v in _answer(r, "openai_responses").items() if v is not None})
        if getattr(event, "type", None) == "response.failed":
            error = getattr(r, "error", None)
            acc["status"] = "error"
            acc["error_type"] = getattr(error, "code", None) or "response_failed"
        return True


class _Unstreamed:
    """Endpoints observed as one answer (a streamed answer is recorded without usage)."""

    def prepare(self, body: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        return body, False

    def chunk(self, acc: Fields, chunk: Any, strip: bool) -> bool:
        return True


class _Transcription(_Unstreamed):
    """The JSON answer carries its usage: whisper-1 {"type": "duration", "seconds"}, gpt-4o-transcribe tokens."""

    def result(self, answer: Any, body: Mapping[str, Any]) -> Fields:
        return {"usage": usage_dict(getattr(answer, "usage", None))}


class _Speech(_Unstreamed):
    """Speech answers audio: tts-1 and tts-1-hd bill the characters of the input text."""

    def result(self, answer: Any, body: Mapping[str, Any]) -> Fields:
        text = body.get("input")
        return {"usage": {"characters": len(text)}} if isinstance(text, str) else {}


class _Images(_Unstreamed):
    """gpt-image-1 answers token usage; dall-e-2 and dall-e-3 bill each image at the request's size and quality."""

    def result(self, answer: Any, body: Mapping[str, Any]) -> Fields:
        usage = usage_dict(getattr(answer, "usage", None))
        if usage is None:
            data = getattr(answer, "data", None)
            usage = {"images": len(data) if isinstance(data, list) else 0}
            usage.update({k: body[k] for k in ("size", "quality") if isinstance(body.get(k), str)})
        return {"usage": usage}


_ENDPOINTS: Dict[str, Endpoint] = {
    "/chat/completions": _Chat(),
    "/responses": _Responses(),
    "/audio/transcriptions": _Transcription(),
    "/audio/speech": _Speech(),
    "/images/generations": _Images(),
}


def wrap_openai(
    openai_client: T,
    client: Any,
    *,
    customer: Optional[str] = None,
    feature: Optional[str] = None,
    trace_id: Optional[str] = None,
    session_id: Optional[str] = None,
    metadata: Optional[Mapping[str, str]] = None,
) -> T:
    """Records one usage event per `chat.completions.create` and `responses.create` call (and the
    helpers built on them), `audio.transcriptions.create`, `audio.speech.create` and
    `images.generate` to `client`. Returns the same openai client, observed."""
    opts = WrapOptions(client, customer, feature, trace_id, session_id, metadata)
    c: Any = openai_client
    observe_resource(c.chat.completions, "openai", _ENDPOINTS, opts)
    for resource in (c.audio.transcriptions, c.audio.speech, c.images):
        observe_resource(resource, "openai", _ENDPOINTS, opts)
    responses = getattr(c, "responses", None)  # openai < 1.66 has no Responses API
    if responses is not None:
        observe_resource(responses, "openai", _ENDPOINTS, opts)
    return openai_client
