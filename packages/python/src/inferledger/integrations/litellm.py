"""A LiteLLM custom logger: one usage event per completion (SDK or proxy), with LiteLLM's usage
object (`usage_format: "litellm"`) and LiteLLM's own cost estimate as the reported `cost_usd`.

    import litellm
    from inferledger.integrations.litellm import InferLedgerLogger
    litellm.callbacks = [InferLedgerLogger(il, feature="chat")]

Needs `litellm` (imported here, never by `import inferledger`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, Mapping, Optional

try:
    from litellm.integrations.custom_logger import CustomLogger
except ImportError as e:  # pragma: no cover - exercised only without litellm
    raise ImportError("inferledger.integrations.litellm needs litellm: pip install litellm") from e

from .._context import current_context
from .._wrap import error_type, tier_of
from ._attribution import IntegrationOptions

MAX_OPEN_CALLS = 10_000  # contexts kept for calls whose end LiteLLM never reported


class InferLedgerLogger(CustomLogger):
    """Records LiteLLM's success and failure events to `client` (sync and async paths)."""

    def __init__(
        self,
        client: Any,
        *,
        customer: Optional[str] = None,
        feature: Optional[str] = None,
        metadata: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__()
        self._o = IntegrationOptions.of(client, customer, feature, metadata)
        self._contexts: "OrderedDict[str, Dict[str, Any]]" = OrderedDict()
        self._lock = threading.Lock()

    def log_pre_api_call(self, model: Any, messages: Any, kwargs: Dict[str, Any]) -> None:
        """Runs in the caller's thread or task: keeps its inferledger.context() for the success or
        failure callback, which LiteLLM may run in a worker thread without it."""
        call_id = kwargs.get("litellm_call_id")
        if isinstance(call_id, str):
            with self._lock:
                self._contexts[call_id] = dict(current_context() or {})
                while len(self._contexts) > MAX_OPEN_CALLS:
                    self._contexts.popitem(last=False)

    def log_success_event(self, kwargs: Dict[str, Any], response_obj: Any, start_time: Any, end_time: Any) -> None:
        self._record(kwargs, response_obj, start_time, end_time, None)

    def log_failure_event(self, kwargs: Dict[str, Any], response_obj: Any, start_time: Any, end_time: Any) -> None:
        self._record(kwargs, response_obj, start_time, end_time, kwargs.get("exception"))

    async def async_log_success_event(self, kwargs: Dict[str, Any], response_obj: Any, start_time: Any, end_time: Any) -> None:
        self._record(kwargs, response_obj, start_time, end_time, None)

    async def async_log_failure_event(self, kwargs: Dict[str, Any], response_obj: Any, start_time: Any, end_time: Any) -> None:
        self._record(kwargs, response_obj, start_time, end_time, kwargs.get("exception"))

    def _record(self, kwargs: Dict[str, Any], response: Any, start: Any, end: Any, error: Any) -> None:
        try:
            self._o.client.track(**self._fields(kwargs, response, start, end, error))
        except Exception:
            pass  # observing must never break the call

    def _fields(self, kwargs: Dict[str, Any], response: Any, start: Any, end: Any, error: Any) -> Dict[str, Any]:
        slo = kwargs.get("standard_logging_object") or {}
        params = kwargs.get("litellm_params") or {}
        provider = slo.get("custom_llm_provider") or params.get("custom_llm_provider") or "unknown"
        usage = _usage(getattr(response, "usage", None)) if error is None else None
        fields: Dict[str, Any] = {
            "provider": provider,
            "model": getattr(response, "model", None) or slo.get("model") or kwargs.get("model"),
            "usage": usage,
            "usage_format": "litellm" if usage else None,
            "service_tier": tier_of(getattr(response, "service_tier", None)),
            "latency_ms": _latency_ms(start, end),
            "status": "error" if error is not None else "ok",
            "error_type": error_type(error) if isinstance(error, BaseException) else ("error" if error is not None else None),
            "cost_usd": _cost(slo.get("response_cost")) if error is None else None,
            "metadata": self._o.metadata,
        }
        with self._lock:
            captured = self._contexts.pop(kwargs.get("litellm_call_id") or "", None)
        fields.update(self._o.attribution(params.get("metadata"), captured))
        return fields


def _usage(usage: Any) -> Optional[Dict[str, Any]]:
    if usage is None:
        return None
    dump = getattr(usage, "model_dump", None)
    data = dump(mode="json", exclude_none=True) if callable(dump) else usage
    return dict(data) if isinstance(data, Mapping) else None


def _latency_ms(start: Any, end: Any) -> Optional[int]:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return max(round((end - start).total_seconds() * 1000), 0)
    if isinstance(start, (int, float)) and isinstance(end, (int, float)):
        return max(round((end - start) * 1000), 0)
    return None


def _cost(value: Any) -> Optional[str]:
    """LiteLLM's float estimate as a plain decimal string (no exponent), or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        cost = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except InvalidOperation:
        return None
    return format(cost, "f") if cost.is_finite() and cost >= 0 else None
