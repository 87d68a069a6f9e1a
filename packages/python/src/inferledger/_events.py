"""Events as their wire JSON, built and checked once at track()/outcome() time.

Events are ASCII JSON (json.dumps escapes characters above U+007F), so the length of every queued
string is its size in bytes: batching counts exact bytes without encoding twice. Keys, order and
checks follow the TypeScript SDK (packages/sdk/src/events.ts) and the server's limits
(lib/ingest/README.md)."""

from __future__ import annotations

import json
import math
import re
import time
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, Mapping, Optional, Union

from ._context import current_context
from ._errors import InvalidArgument
from ._ids import iso_at, new_id
from ._types import Context

TOKEN_CLASSES = frozenset(
    {
        "input",
        "cache_read",
        "cache_write_5m",
        "cache_write_1h",
        "output",
        "reasoning",
        "audio_input",
        "audio_output",
        "image_input",
        "image_output",
    }
)
TIERS = frozenset({"standard", "batch", "flex", "priority"})
MAX_STRING = 200  # the server's limit for every name field (lib/ingest/limits.ts)
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_SIGNED_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_EVENT_ID = re.compile(r"[\x20-\x7e]{1,128}")  # the server's idempotency key rule

Json = Dict[str, Any]
When = Union[datetime, str, int, float, None]


def _bad(field: str, why: str) -> InvalidArgument:
    return InvalidArgument(f"{field}: {why}")


def _str(value: Any, field: str, required: bool = False) -> Optional[str]:
    if value is None:
        if required:
            raise _bad(field, "required")
        return None
    if not isinstance(value, str) or not value or len(value) > MAX_STRING:
        raise _bad(field, f"must be a non-empty string of at most {MAX_STRING} characters")
    return value


def _num(value: Any, field: str) -> Optional[Union[int, float]]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0 or value == math.inf:
        raise _bad(field, "must be a finite number >= 0")
    return value


def as_dict(value: Any, field: str) -> Dict[str, Any]:
    """A mapping, or a pydantic model / object with model_dump() or to_dict() (provider SDK types)."""
    if type(value) is dict:
        return value  # serialised at once, never kept: no copy needed
    if isinstance(value, Mapping):
        return dict(value)
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        out = dump(mode="json", exclude_unset=True)
        if isinstance(out, dict):
            return out
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        out = to_dict()
        if isinstance(out, dict):
            return out
    raise _bad(field, "must be an object")


def _when(value: When, now_ms: int) -> str:
    if value is None:
        return iso_at(now_ms)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise _bad("occurred_at", "must be timezone-aware")
        ms = round(value.timestamp() * 1000)
        return iso_at(ms)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return iso_at(round(value * 1000))  # seconds since the epoch, like time.time()
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise _bad("occurred_at", "must be an ISO 8601 date") from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return _when(parsed, now_ms)
    raise _bad("occurred_at", "must be a datetime, ISO string or epoch seconds")


def _metadata(*layers: Optional[Mapping[str, str]]) -> Optional[Dict[str, str]]:
    out: Optional[Dict[str, str]] = None
    for layer in layers:
        if layer is None:
            continue
        if not isinstance(layer, Mapping):
            raise _bad("metadata", "must be a mapping of strings")
        for key, value in layer.items():
            if not isinstance(value, str):
                raise _bad(f"metadata.{key}", "must be a string")
            out = out if out is not None else {}
            out[str(key)] = value
    return out


def _event_id(value: Any, now_ms: int) -> str:
    if value is None:
        return new_id(now_ms)
    if not isinstance(value, str) or not _EVENT_ID.fullmatch(value):
        raise _bad("event_id", "must be 1 to 128 printable ASCII characters")
    return value


# One encoder for every event: json.dumps with options builds a new one per call.
_dump = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode


def _put(event: Json, key: str, value: Any) -> None:
    if value is not None:
        event[key] = value


def usage_event(fields: Mapping[str, Any], defaults: Context) -> str:
    """The wire JSON of one usage event (fields are track()'s keyword arguments)."""
    c: Context = current_context() or {}
    tokens = fields.get("tokens")
    token_json: Optional[Json] = None
    if tokens is not None:
        token_json = {}
        for key, count in as_dict(tokens, "tokens").items():
            if key not in TOKEN_CLASSES:
                raise _bad(f"tokens.{key}", "unknown token class")
            _put(token_json, key, _num(count, f"tokens.{key}"))
    usage = fields.get("usage")
    usage_json = as_dict(usage, "usage") if usage is not None else None
    gpu = fields.get("gpu")
    gpu_json: Optional[Json] = None
    if gpu is not None:
        gpu_json = as_dict(gpu, "gpu")
        if _num(gpu_json.get("seconds"), "gpu.seconds") is None:
            raise _bad("gpu.seconds", "required")
        _str(gpu_json.get("type"), "gpu.type")
        _str(gpu_json.get("pool"), "gpu.pool")
    tier = fields.get("service_tier") or defaults.get("service_tier")
    if tier is not None and tier not in TIERS:
        raise _bad("service_tier", "must be standard, batch, flex or priority")
    status = fields.get("status")
    if status is not None and status not in ("ok", "error"):
        raise _bad("status", 'must be "ok" or "error"')
    cost = fields.get("cost_usd")
    if cost is not None:
        cost = format(cost, "f") if isinstance(cost, Decimal) else str(cost)
        if not _DECIMAL.fullmatch(cost):
            raise _bad("cost_usd", "must be a non-negative decimal")
    now_ms = int(time.time() * 1000)
    event: Json = {"type": "usage", "event_id": _event_id(fields.get("event_id"), now_ms)}
    event["occurred_at"] = _when(fields.get("occurred_at"), now_ms)
    _put(event, "customer", _str(_pick("customer", fields, c, defaults), "customer"))
    _put(event, "feature", _str(_pick("feature", fields, c, defaults), "feature"))
    event["provider"] = _str(fields.get("provider"), "provider", True)
    event["model"] = _str(fields.get("model"), "model", True)
    _put(event, "service_tier", tier)
    _put(event, "tokens", token_json)
    _put(event, "usage", usage_json)
    _put(event, "usage_format", _str(fields.get("usage_format"), "usage_format"))
    _put(event, "gpu", gpu_json)
    _put(event, "latency_ms", _num(fields.get("latency_ms"), "latency_ms"))
    _put(event, "status", status)
    _put(event, "error_type", _str(fields.get("error_type"), "error_type"))
    _put(event, "trace_id", _str(_pick("trace_id", fields, c, defaults), "trace_id"))
    _put(event, "session_id", _str(_pick("session_id", fields, c, defaults), "session_id"))
    _put(event, "metadata", _metadata(defaults.get("metadata"), c.get("metadata"), fields.get("metadata")))
    _put(event, "cost_usd", cost)
    try:
        return _dump(event)
    except (TypeError, ValueError) as e:
        raise _bad("usage", f"not JSON-serialisable ({e})") from None


def outcome_event(fields: Mapping[str, Any], defaults: Context) -> str:
    """The wire JSON of one outcome event (fields are outcome()'s keyword arguments)."""
    c: Context = current_context() or {}
    value = fields.get("value")
    if value is not None:
        if isinstance(value, bool):
            raise _bad("value", "must be a number or decimal string")
        if isinstance(value, float) and not math.isfinite(value):
            raise _bad("value", "must be finite")
        if isinstance(value, Decimal):
            value = format(value, "f")
        if isinstance(value, str) and not _SIGNED_DECIMAL.fullmatch(value):
            raise _bad("value", "must be a number or decimal string")
        if not isinstance(value, (str, int, float)):
            raise _bad("value", "must be a number or decimal string")
    now_ms = int(time.time() * 1000)
    event: Json = {"type": "outcome", "event_id": _event_id(fields.get("event_id"), now_ms)}
    event["occurred_at"] = _when(fields.get("occurred_at"), now_ms)
    event["customer"] = _str(_pick("customer", fields, c, defaults), "customer", True)
    _put(event, "feature", _str(_pick("feature", fields, c, defaults), "feature"))
    event["outcome"] = _str(fields.get("outcome"), "outcome", True)
    _put(event, "quantity", _num(fields.get("quantity"), "quantity"))
    _put(event, "value", value)
    _put(event, "metadata", _metadata(defaults.get("metadata"), c.get("metadata"), fields.get("metadata")))
    return _dump(event)


def _pick(key: str, fields: Mapping[str, Any], ctx: Context, defaults: Context) -> Any:
    """The call's value, else the context's, else the client defaults' (strongest first)."""
    value = fields.get(key)
    if value is None:
        value = ctx.get(key)
    if value is None:
        value = defaults.get(key)
    return value
