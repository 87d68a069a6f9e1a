"""Attribution shared by the framework integrations: per-run metadata keys, then the
inferledger.context() of the call, then the integration's own options."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from .._context import current_context

CUSTOMER_KEY = "inferledger.customer"
FEATURE_KEY = "inferledger.feature"


def attribution(
    run_metadata: Optional[Mapping[str, Any]],
    captured: Optional[Mapping[str, Any]],
    customer: Optional[str],
    feature: Optional[str],
) -> Dict[str, Optional[str]]:
    meta = run_metadata or {}
    ctx = captured if captured is not None else (current_context() or {})
    return {
        "customer": _text(meta.get(CUSTOMER_KEY)) or ctx.get("customer") or customer,
        "feature": _text(meta.get(FEATURE_KEY)) or ctx.get("feature") or feature,
    }


def _text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value else None

