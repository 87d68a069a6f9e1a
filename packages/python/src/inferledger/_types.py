"""Types at the SDK's boundary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Literal, TypedDict

ServiceTier = Literal["standard", "batch", "flex", "priority"]


class Context(TypedDict, total=False):
    """Attribution for every event inside `inferledger.context(...)` or from `defaults`."""

    customer: str
    feature: str
    trace_id: str
    session_id: str
    metadata: Dict[str, str]
    service_tier: ServiceTier


class Tokens(TypedDict, total=False):
    """Canonical, non-overlapping token classes (sent as-is under `tokens`)."""

    input: int
    cache_read: int
    cache_write_5m: int
    cache_write_1h: int
    output: int
    reasoning: int
    audio_input: int
    audio_output: int
    image_input: int
    image_output: int


class Gpu(TypedDict, total=False):
    seconds: float
    type: str
    pool: str


@dataclass(frozen=True)
class Stats:
    """Counters since the client was created."""

    queued: int
    """Events waiting in memory (queued, or in a batch being sent)."""
    sent: int
    """Events the server acknowledged (accepted or duplicate)."""
    dropped: int
    """Events dropped before sending (full queue, after shutdown, invalid, unsent at shutdown without a spool)."""
    failed: int
    """Events that will not be delivered (rejected, refused, retries exhausted without a spool)."""
    spooled: int
    """Events waiting in the spool file for a later send (this run or the next start)."""


@dataclass(frozen=True)
class DeliveryReport:
    """What became of this client's events since its previous report (flush() or shutdown()) or its start."""

    delivered: int
    """Events the server acknowledged (accepted or duplicate)."""
    spooled: int
    """Events waiting in the spool file at the end of the call (sent at the next start)."""
    lost: int
    """Events that became undeliverable (rejected, refused, dropped, retries exhausted without a spool)."""
    queued: int
    """Events still in memory at the end of the call (flush timed out); always 0 after shutdown()."""
