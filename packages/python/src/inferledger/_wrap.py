"""Observes the HTTP calls of an `openai` / `anthropic` client resource (duck-typed: neither package
is a dependency). Both are Stainless clients whose resources send every request through their own
`_post` attribute: wrapping it there sees `create(...)`, `create(stream=True)` and the helpers that
post directly (Anthropic's `messages.stream()`), once per call whatever the SDK retried inside."""

from __future__ import annotations

import inspect
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Mapping, Optional, Protocol, Tuple

from ._context import current_context
from ._events import as_dict

MARK = "_inferledger_observed"
Fields = Dict[str, Any]

TIERS = {"default": "standard", "auto": "standard", "standard": "standard", "flex": "flex", "priority": "priority", "batch": "batch"}


def tier_of(value: Any) -> Optional[str]:
    """The InferLedger service tier of a provider's answer field, if it is one we know."""
    return TIERS.get(str(value)) if value is not None else None


def usage_dict(value: Any) -> Optional[Dict[str, Any]]:
    """A provider usage object (pydantic model or dict) as the JSON its API sent."""
    if value is None:
        return None
    try:
        return as_dict(value, "usage")
    except ValueError:
        return None


class Endpoint(Protocol):
    def prepare(self, body: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        """Adjusts the request body; True when added stream chunks must be hidden from the caller."""

    def result(self, answer: Any, body: Mapping[str, Any]) -> Fields:
        """Usage fields from a complete (non-streamed) answer and its request's body."""

    def chunk(self, acc: Fields, chunk: Any, strip: bool) -> bool:
        """Sees each stream chunk; False hides it from the caller."""


@dataclass
class WrapOptions:
    client: Any  # an inferledger.Client (anything with track())
    customer: Optional[str] = None
    feature: Optional[str] = None
    trace_id: Optional[str] = None
    session_id: Optional[str] = None
    metadata: Optional[Mapping[str, str]] = None


def error_type(e: BaseException) -> str:
    status = getattr(e, "status_code", None)
    if isinstance(status, int):
        return f"http_{status}"
    return type(e).__name__


@dataclass
class Observation:
    """One observed call: records exactly one usage event, however the call ends."""

    provider: str
    options: WrapOptions
    model: Optional[str]
    body: Mapping[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    context: Dict[str, Any] = field(default_factory=lambda: dict(current_context() or {}))
    done: bool = False

    def record(self, f: Fields) -> None:
        if self.done:
            return
        self.done = True
        o, c = self.options, self.context

        def pick(key: str) -> Optional[str]:
            value = c.get(key) or getattr(o, key)  # the context wins over the wrapper's options
            return value if isinstance(value, str) else None

        metadata = {**(o.metadata or {}), **(c.get("metadata") or {})} or None
        try:
            o.client.track(
                provider=self.provider,
                model=f.get("model") or self.model,
                usage=f.get("usage"),
                usage_format=f.get("usage_format") if f.get("usage") else None,
                service_tier=f.get("service_tier"),
                customer=pick("customer"),
                feature=pick("feature"),
                trace_id=pick("trace_id"),
                session_id=pick("session_id"),
                metadata=metadata,
                latency_ms=round((time.perf_counter() - self.started) * 1000),
                status=f.get("status", "ok"),
                error_type=f.get("error_type"),
            )
        except Exception:
            pass  # observing must never break the call

    def fail(self, e: BaseException, f: Optional[Fields] = None) -> None:
        self.record({**(f or {}), "status": "error", "error_type": error_type(e)})


def _is_raw(options: Any) -> bool:
    """with_raw_response / with_streaming_response calls hand the caller the HTTP body: not observed."""
    headers = options.get("headers") if isinstance(options, Mapping) else None
    return isinstance(headers, Mapping) and any(str(k).lower() == "x-stainless-raw-response" for k in headers)


class _Watch:
    """What a stream wrapper does around the provider's own iterator, sync or async."""

    def __init__(self, ep: Endpoint, obs: Observation, strip: bool) -> None:
        self.ep, self.obs, self.strip = ep, obs, strip
        self.acc: Fields = {}
        self.ok = False

    def shows(self, chunk: Any) -> bool:
        return self.ep.chunk(self.acc, chunk, self.strip) is not False

    def failed(self, e: BaseException) -> None:
        self.obs.fail(e, self.acc)

    def ended(self) -> None:
        """Records once: the usage seen, or a stream stopped before its end (closed, abandoned)."""
        if self.ok:
            self.obs.record(self.acc)
        else:
            self.obs.record({**self.acc, "status": "error", "error_type": "stream_aborted"})


def _stream_sync(stream: Any, watch: _Watch) -> Any:
    inner, close = stream._iterator, stream.close

    def observed() -> Any:
        try:
            for chunk in inner:
                if watch.shows(chunk):
                    yield chunk
            watch.ok = True
        except Exception as e:
            watch.failed(e)
            raise
        finally:
            watch.ended()

    def close_observed() -> None:
        try:
            close()
        finally:
            gen.close()  # a stream closed before its end is recorded now, with what was seen

    gen = observed()
    stream._iterator, stream.close = gen, close_observed
    return stream


def _stream_async(stream: Any, watch: _Watch) -> Any:
    inner, close = stream._iterator, stream.close

    async def observed() -> Any:
        try:
            async for chunk in inner:
                if watch.shows(chunk):
                    yield chunk
            watch.ok = True
        except Exception as e:
            watch.failed(e)
            raise
        finally:
            watch.ended()

    async def close_observed() -> None:
        try:
            await close()
        finally:
            await gen.aclose()

    gen = observed()
    stream._iterator, stream.close = gen, close_observed
    return stream


def _on_result(result: Any, ep: Endpoint, obs: Observation, strip: bool, is_async: bool) -> Any:
    try:
        if hasattr(result, "_iterator") and hasattr(result, "response"):
            return (_stream_async if is_async else _stream_sync)(result, _Watch(ep, obs, strip))
        obs.record(ep.result(result, obs.body))
    except Exception:
        pass  # an unexpected shape: give the caller its result untouched
    return result


def _begin(
    provider: str, endpoints: Mapping[str, Endpoint], opts: WrapOptions, path: Any, kwargs: Dict[str, Any]
) -> Optional[Tuple[Endpoint, Observation, bool]]:
    ep = endpoints.get(str(path).split("?")[0])
    if ep is None or _is_raw(kwargs.get("options")):
        return None
    body = kwargs.get("body")
    strip = False
    if isinstance(body, dict):
        body, strip = ep.prepare(dict(body))
        kwargs["body"] = body
    if not isinstance(body, dict):
        body = {}
    model = body.get("model")
    return ep, Observation(provider, opts, model if isinstance(model, str) else None, body), strip


def observe_resource(resource: Any, provider: str, endpoints: Mapping[str, Endpoint], opts: WrapOptions) -> None:
    """Wraps `resource._post` once; a second wrap of the same resource is a no-op (records once)."""
    post: Callable[..., Any] = getattr(resource, "_post", None)  # type: ignore[assignment]
    if post is None or getattr(post, MARK, False):
        return
    if inspect.iscoroutinefunction(post):

        async def observed_async(path: Any, *args: Any, **kwargs: Any) -> Any:
            begun = _begin(provider, endpoints, opts, path, kwargs)
            if begun is None:
                return await post(path, *args, **kwargs)
            ep, obs, strip = begun
            try:
                result = await post(path, *args, **kwargs)
            except BaseException as e:
                obs.fail(e)
                raise
            return _on_result(result, ep, obs, strip, True)

        wrapped: Callable[..., Any] = observed_async
    else:

        def observed_sync(path: Any, *args: Any, **kwargs: Any) -> Any:
            begun = _begin(provider, endpoints, opts, path, kwargs)
            if begun is None:
                return post(path, *args, **kwargs)
            ep, obs, strip = begun
            try:
                result = post(path, *args, **kwargs)
            except BaseException as e:
                obs.fail(e)
                raise
            return _on_result(result, ep, obs, strip, False)

        wrapped = observed_sync
    setattr(wrapped, MARK, True)
    resource._post = wrapped
