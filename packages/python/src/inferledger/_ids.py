"""Event ids: ULIDs (48-bit millisecond time + 80 random bits, Crockford base32), like the TypeScript SDK."""

from __future__ import annotations

import os
from datetime import datetime, timezone

_B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id(ms: int) -> str:
    """A ULID for the time `ms` (milliseconds since the epoch): ids sort by time."""
    t = ms
    prefix = ""
    for _ in range(10):
        prefix = _B32[t % 32] + prefix
        t //= 32
    return prefix + "".join(_B32[b & 31] for b in os.urandom(16))


def iso_at(ms: int) -> str:
    """ISO 8601 UTC with milliseconds, as JavaScript's toISOString writes it."""
    d = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
