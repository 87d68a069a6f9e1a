"""A LangChain callback handler: one usage event per chat model or LLM run, with the message's
`usage_metadata` (LangChain's own shape, `usage_format: "langchain"`) as the raw usage.

    from inferledger.integrations.langchain import InferLedgerCallbackHandler
    handler = InferLedgerCallbackHandler(il, feature="support-bot")
    llm.invoke("hi", config={"callbacks": [handler], "metadata": {"inferledger.customer": "acme"}})

Needs `langchain-core` (imported here, never by `import inferledger`)."""

from __future__ import annotations

import threading
import time
from typing import Any, Dict, List, Mapping, Optional
from uuid import UUID

try:
    from langchain_core.callbacks import BaseCallbackHandler
    from langchain_core.outputs import LLMResult
except ImportError as e:  # pragma: no cover - exercised only without langchain-core
    raise ImportError("inferledger.integrations.langchain needs langchain-core: pip install langchain-core") from e

from .._context import current_context
from .._wrap import error_type, tier_of
from ._attribution import IntegrationOptions


class InferLedgerCallbackHandler(BaseCallbackHandler):
    """Records every model run it sees to `client`. Runs inline: track() never blocks."""

    run_inline = True  # no executor hop for async runs: the context of the call is kept

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
        self._runs: Dict[UUID, Dict[str, Any]] = {}
        self._lock = threading.Lock()

    def on_chat_model_start(
        self, serialized: Dict[str, Any], messages: List[List[Any]], *, run_id: UUID, metadata: Optional[Dict[str, Any]] = None, **kwargs: Any
    ) -> None:
        self._start(run_id, serialized, metadata, kwargs.get("invocation_params"))

    def on_llm_start(
        self, serialized: Dict[str, Any], prompts: List[str], *, run_id: UUID, metadata: Optional[Dict[str, Any]] = None, **kwargs: Any
    ) -> None:
        self._start(run_id, serialized, metadata, kwargs.get("invocation_params"))

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        run = self._pop(run_id)
        if run is None:
            return
        message = _first_message(response)
        usage = getattr(message, "usage_metadata", None) if message is not None else None
        usage_format = "langchain"
        llm_output = response.llm_output or {}
        if not usage and isinstance(llm_output.get("token_usage"), Mapping):
            usage, usage_format = dict(llm_output["token_usage"]), "openai_chat"  # legacy OpenAI LLMs
        meta = getattr(message, "response_metadata", None) or {}
        model = meta.get("model_name") or meta.get("model") or llm_output.get("model_name") or run["model"]
        self._track(run, model=model, usage=dict(usage) if usage else None, usage_format=usage_format if usage else None,
                    service_tier=tier_of(meta.get("service_tier")), status="ok")

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        run = self._pop(run_id)
        if run is not None:
            self._track(run, model=run["model"], status="error", error_type=error_type(error))

    def _start(self, run_id: UUID, serialized: Optional[Dict[str, Any]], metadata: Optional[Dict[str, Any]], params: Any) -> None:
        meta = metadata or {}
        params = params if isinstance(params, Mapping) else {}
        model = meta.get("ls_model_name") or params.get("model") or params.get("model_name")
        provider = meta.get("ls_provider") or _provider_from(serialized)
        with self._lock:
            self._runs[run_id] = {
                "started": time.perf_counter(),
                "provider": provider,
                "model": model,
                "attribution": self._o.attribution(meta, current_context()),
            }

    def _pop(self, run_id: UUID) -> Optional[Dict[str, Any]]:
        with self._lock:
            return self._runs.pop(run_id, None)

    def _track(self, run: Dict[str, Any], **fields: Any) -> None:
        try:
            self._o.client.track(
                provider=run["provider"],
                latency_ms=round((time.perf_counter() - run["started"]) * 1000),
                metadata=self._o.metadata,
                **run["attribution"],
                **fields,
            )
        except Exception:
            pass  # observing must never break the chain


def _first_message(response: LLMResult) -> Any:
    for candidates in response.generations:
        for generation in candidates:
            message = getattr(generation, "message", None)
            if message is not None:
                return message
    return None


def _provider_from(serialized: Optional[Dict[str, Any]]) -> str:
    """The integration package of the model class ("langchain_openai" -> "openai") when LangChain
    did not say (ls_provider)."""
    ident = (serialized or {}).get("id") or []
    for part in ident:
        if isinstance(part, str) and part.startswith("langchain_") and part != "langchain_core":
            return part[len("langchain_") :]
    return "unknown"
