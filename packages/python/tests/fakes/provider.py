"""A fake model provider on loopback, answering the `openai` and `anthropic` Python packages:
Chat Completions (JSON and SSE, with and without include_usage), Responses (JSON and SSE) and
Anthropic Messages (JSON and SSE). The model name picks an error: "fail-500", "fail-429"."""

from __future__ import annotations

import json
import threading
from typing import Any, Dict, Iterable, List

from .server import LoopbackServer, QuietHandler

CHAT_USAGE = {
    "prompt_tokens": 12000,
    "completion_tokens": 800,
    "total_tokens": 12800,
    "prompt_tokens_details": {"cached_tokens": 8000, "audio_tokens": 0},
    "completion_tokens_details": {"reasoning_tokens": 64, "audio_tokens": 0},
}
RESPONSES_USAGE = {
    "input_tokens": 9000,
    "input_tokens_details": {"cached_tokens": 4000},
    "output_tokens": 700,
    "output_tokens_details": {"reasoning_tokens": 300},
    "total_tokens": 9700,
}
ANTHROPIC_USAGE = {
    "input_tokens": 2000,
    "cache_creation_input_tokens": 10000,
    "cache_read_input_tokens": 50000,
    "output_tokens": 800,
    "service_tier": "standard",
}
ANSWERED_MODEL = {"gpt-4o": "gpt-4o-2024-08-06", "gpt-5": "gpt-5-2025-08-07", "claude-sonnet-4-5": "claude-sonnet-4-5-20250929"}


def _sse(events: Iterable[Any], named: bool = False) -> bytes:
    out = b""
    for e in events:
        if named:
            out += f"event: {e['type']}\n".encode()
        out += b"data: " + json.dumps(e).encode() + b"\n\n"
    return out


def chat_chunks(model: str, include_usage: bool) -> List[Any]:
    base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": model, "service_tier": "default"}
    chunks = [
        {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hel"}, "finish_reason": None}]},
        {**base, "choices": [{"index": 0, "delta": {"content": "lo"}, "finish_reason": "stop"}]},
    ]
    if include_usage:
        for c in chunks:
            c["usage"] = None
        chunks.append({**base, "choices": [], "usage": CHAT_USAGE})
    return chunks


def _response(model: str, status: str = "completed") -> Dict[str, Any]:
    return {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": status,
        "model": model,
        "service_tier": "default",
        "output": [
            {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "text": "Hello", "annotations": []}]}
        ],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": RESPONSES_USAGE,
    }


def response_events(model: str) -> List[Dict[str, Any]]:
    done = _response(model)
    item = done["output"][0]
    part = item["content"][0]
    at = {"item_id": item["id"], "output_index": 0}
    events: List[Dict[str, Any]] = [
        {"type": "response.created", "response": {**done, "status": "in_progress", "output": [], "usage": None}},
        {"type": "response.output_item.added", "output_index": 0, "item": {**item, "status": "in_progress", "content": []}},
        {"type": "response.content_part.added", **at, "content_index": 0, "part": {**part, "text": ""}},
        {"type": "response.output_text.delta", **at, "content_index": 0, "delta": part["text"], "logprobs": []},
        {"type": "response.output_text.done", **at, "content_index": 0, "text": part["text"], "logprobs": []},
        {"type": "response.content_part.done", **at, "content_index": 0, "part": part},
        {"type": "response.output_item.done", "output_index": 0, "item": item},
        {"type": "response.completed", "response": done},
    ]
    return [{**e, "sequence_number": i} for i, e in enumerate(events)]


def _message(model: str) -> Dict[str, Any]:
    return {
        "id": "msg_1", "type": "message", "role": "assistant", "model": model,
        "content": [{"type": "text", "text": "Hello"}], "stop_reason": "end_turn", "stop_sequence": None,
        "usage": ANTHROPIC_USAGE,
    }


def message_events(model: str) -> List[Dict[str, Any]]:
    start_usage = {k: v for k, v in ANTHROPIC_USAGE.items() if k != "output_tokens"}
    return [
        {"type": "message_start", "message": {**_message(model), "content": [], "stop_reason": None, "usage": {**start_usage, "output_tokens": 1}}},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello"}},
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None}, "usage": {"output_tokens": 800}},
        {"type": "message_stop"},
    ]


# whisper-1's usage: seconds of audio; gpt-image-1's: output_tokens are image tokens.
TRANSCRIPTION_USAGE = {"type": "duration", "seconds": 61}
IMAGE_TOKEN_USAGE = {"input_tokens": 50, "input_tokens_details": {"text_tokens": 50, "image_tokens": 0}, "output_tokens": 4160, "total_tokens": 4210}


class _Handler(QuietHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        owner: FakeProvider = self.server.owner  # type: ignore[attr-defined]
        raw = self.read_body()
        # Transcriptions upload multipart form data: answered without reading it.
        multipart = self.headers.get("Content-Type", "").startswith("multipart/")
        body = {} if multipart else json.loads(raw or b"{}")
        with owner.lock:
            owner.requests.append({"path": self.path, "body": body})
        requested = body.get("model", "")
        if requested.startswith("fail-"):
            status = int(requested[5:])
            self.send(status, json.dumps({"type": "error", "error": {"type": "api_error", "message": f"failed with {status}"}}).encode(),
                      headers={"retry-after-ms": "1", "x-should-retry": "true"})
            return
        model = ANSWERED_MODEL.get(requested, requested)
        stream = body.get("stream") is True
        if self.path == "/v1/chat/completions":
            if stream:
                include = (body.get("stream_options") or {}).get("include_usage") is True
                self._stream(_sse(chat_chunks(model, include)) + b"data: [DONE]\n\n")
            else:
                answer = {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": model, "service_tier": "default",
                          "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello"}, "finish_reason": "stop"}],
                          "usage": CHAT_USAGE}
                self.send(200, json.dumps(answer).encode())
        elif self.path == "/v1/responses":
            if stream:
                self._stream(_sse(response_events(model), named=True))
            else:
                self.send(200, json.dumps(_response(model)).encode())
        elif self.path == "/v1/audio/transcriptions":
            self.send(200, json.dumps({"text": "Hello", "usage": TRANSCRIPTION_USAGE}).encode())
        elif self.path == "/v1/audio/speech":
            self.send(200, b"ID3fake-mp3", content_type="audio/mpeg")
        elif self.path == "/v1/images/generations":
            data = [{"url": "https://example.com/image.png"} for _ in range(int(body.get("n") or 1))]
            usage = {"usage": IMAGE_TOKEN_USAGE} if requested.startswith("gpt-image") else {}
            self.send(200, json.dumps({"created": 1, "data": data, **usage}).encode())
        elif self.path.split("?")[0] == "/v1/messages":
            if stream:
                self._stream(_sse(message_events(model), named=True))
            else:
                self.send(200, json.dumps(_message(model)).encode())
        else:
            self.send(404, b'{"error":{"message":"not found"}}')

    def _stream(self, data: bytes) -> None:
        self.send(200, data, content_type="text/event-stream")


class FakeProvider(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.lock = threading.Lock()
        self.requests: List[Dict[str, Any]] = []
