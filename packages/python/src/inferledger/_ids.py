"""Event ids: ULIDs (48-bit millisecond time + 80 random bits, Crockford base32), like the TypeScript SDK."""

from __future__ import annotations

import os
import threading
from datetime import datetime, timezone

_B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_POOL_BYTES = 16384  # random characters drawn at once: one urandom call per 1,024 ids
_lock = threading.Lock()
_pool = ""
_pos = 0
_last_ms = -1
_prefix = ""
_iso = ""


def _refill() -> None:
    global _pool, _pos
    _pool = os.urandom(_POOL_BYTES).translate(_TABLE).decode("ascii")
    _pos = 0


_TABLE = bytes(ord(_B32[b & 31]) for b in range(256))


def _after_fork() -> None:
    global _lock, _pool
    _lock = threading.Lock()  # another thread may have held it at the fork
    _pool = ""  # the child must not draw the same random characters as its parent


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def _tick(ms: int) -> None:
    global _last_ms, _prefix, _iso
    t, prefix = ms, ""
    for _ in range(10):
        prefix = _B32[t % 32] + prefix
        t //= 32
    d = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    _last_ms, _prefix, _iso = ms, prefix, d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def new_id(ms: int) -> str:
    """A ULID for the time `ms` (milliseconds since the epoch): ids sort by time."""
    global _pos
    with _lock:
        if ms != _last_ms:
            _tick(ms)
        if _pos + 16 > len(_pool):
            _refill()
        _pos += 16
        return _prefix + _pool[_pos - 16 : _pos]


def iso_at(ms: int) -> str:
    """ISO 8601 UTC with milliseconds, as JavaScript's toISOString writes it."""
    with _lock:
        if ms != _last_ms:
            _tick(ms)
        return _iso
