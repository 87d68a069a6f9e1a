"""Attribution that follows the code: a ContextVar, so it holds in asyncio tasks and in threads run
under contextvars.copy_context() (asyncio.to_thread does that)."""

from __future__ import annotations

from contextvars import ContextVar, Token
from types import TracebackType
from typing import List, Mapping, Optional, Type

from ._types import Context

_current: ContextVar[Optional[Context]] = ContextVar("inferledger_context", default=None)


def current_context() -> Optional[Context]:
    return _current.get()


def merge(parent: Optional[Context], child: Context) -> Context:
    """The child's fields win; metadata is merged key by key."""
    out: Context = dict(parent or {})  # type: ignore[assignment]
    for key, value in child.items():
        if value is not None:
            out[key] = value  # type: ignore[literal-required]
    meta_parent = (parent or {}).get("metadata")
    meta_child = child.get("metadata")
    if meta_parent and meta_child:
        out["metadata"] = {**meta_parent, **meta_child}
    return out


class context:
    """`with inferledger.context(customer="acme", feature="chat"):` attaches the fields to every
    event tracked inside it (also as `async with`, and as a decorator-free scope in threads)."""

    def __init__(
        self,
        *,
        customer: Optional[str] = None,
        feature: Optional[str] = None,
        trace_id: Optional[str] = None,
        session_id: Optional[str] = None,
        metadata: Optional[Mapping[str, str]] = None,
    ) -> None:
        fields: Context = {}
        if customer is not None:
            fields["customer"] = customer
        if feature is not None:
            fields["feature"] = feature
        if trace_id is not None:
            fields["trace_id"] = trace_id
        if session_id is not None:
            fields["session_id"] = session_id
        if metadata is not None:
            fields["metadata"] = dict(metadata)
        self._fields = fields
        self._tokens: List[Token[Optional[Context]]] = []

    def __enter__(self) -> Context:
        merged = merge(_current.get(), self._fields)
        self._tokens.append(_current.set(merged))
        return merged

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        _current.reset(self._tokens.pop())

    async def __aenter__(self) -> Context:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.__exit__(exc_type, exc, tb)

