"""When to try a failed request again, and how long to wait first."""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime
from typing import Mapping, Optional

MAX_RETRY_AFTER = 600.0


def is_retryable(status: int) -> bool:
    """No answer (0), request timeout, rate limit and server errors are worth another try."""
    return status == 0 or status in (408, 429) or status >= 500


def retry_after(headers: Optional[Mapping[str, str]]) -> Optional[float]:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), capped at 10 minutes."""
    value = (headers or {}).get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def backoff(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff with full jitter: uniform(0, min(cap, base * 2**attempt))."""
    return random.uniform(0, min(cap, base * 2**attempt))
