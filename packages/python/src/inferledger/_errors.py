"""What on_error receives. Never raised into the host: the SDK reports, it does not raise."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional

ErrorCode = Literal[
    "invalid_argument",
    "queue_full",
    "closed",
    "rejected",
    "http_error",
    "retries_exhausted",
    "spool_error",
]


class InferLedgerError(Exception):
    """A failure of the SDK, handed to `on_error` with a `code`, the HTTP `status` and an event `count`."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        status: Optional[int] = None,
        count: Optional[int] = None,
        rejected: Optional[List[Dict[str, Any]]] = None,
    ) -> None:
        super().__init__(f"[inferledger] {message}")
        self.code: ErrorCode = code
        self.status = status
        self.count = count
        self.rejected = rejected or []


class InvalidArgument(ValueError):
    """A bad track()/outcome() call; caught by the client, counted in `dropped` and reported."""
