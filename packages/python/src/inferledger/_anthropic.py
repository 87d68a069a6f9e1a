"""Observes an `anthropic` client (Anthropic or AsyncAnthropic): messages, streamed or not."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple, TypeVar

from ._wrap import Endpoint, Fields, WrapOptions, observe_resource, tier_of, usage_dict

T = TypeVar("T")


class _Messages:
    def prepare(self, body: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        return body, False

    def result(self, answer: Any, body: Mapping[str, Any]) -> Fields:
        usage = usage_dict(getattr(answer, "usage", None))
        tier = tier_of((usage or {}).get("service_tier"))
        return {"model": getattr(answer, "model", None), "usage": usage, "usage_format": "anthropic", "service_tier": tier}

    def chunk(self, acc: Fields, event: Any, strip: bool) -> bool:
        # message_start carries input and cache counts; each message_delta the cumulative output
        # (and on newer API versions updated input counts): merged as the SDK's MessageStream does.
        kind = getattr(event, "type", None)
        if kind == "message_start":
            message = getattr(event, "message", None)
            model = getattr(message, "model", None)
            if model:
                acc["model"] = model
            usage = usage_dict(getattr(message, "usage", None))
        elif kind == "message_delta":
            usage = usage_dict(getattr(event, "usage", None))
        else:
            return True
        if usage:
            acc["usage_format"] = "anthropic"
            merged = dict(acc.get("usage") or {})
            merged.update({k: v for k, v in usage.items() if v is not None})
            acc["usage"] = merged
            if tier_of(merged.get("service_tier")):
                acc["service_tier"] = tier_of(merged["service_tier"])
        return True


_ENDPOINTS: Dict[str, Endpoint] = {"/v1/messages": _Messages()}


def wrap_anthropic(
    anthropic_client: T,
    client: Any,
    *,
    customer: Optional[str] = None,
    feature: Optional[str] = None,
    trace_id: Optional[str] = None,
    session_id: Optional[str] = None,
    metadata: Optional[Mapping[str, str]] = None,
) -> T:
    """Records one usage event per `messages.create` / `messages.stream` call (and `beta.messages`)
    to `client`, with the raw usage (cache tokens included). Returns the same client, observed."""
    opts = WrapOptions(client, customer, feature, trace_id, session_id, metadata)
    c: Any = anthropic_client
    observe_resource(c.messages, "anthropic", _ENDPOINTS, opts)
    beta = getattr(c, "beta", None)
    if beta is not None and getattr(beta, "messages", None) is not None:
        observe_resource(beta.messages, "anthropic", _ENDPOINTS, opts)
    return anthropic_client
