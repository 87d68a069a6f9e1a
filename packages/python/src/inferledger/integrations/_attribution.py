"""What the framework integrations share: their options, and attribution from the run's metadata
keys, then the inferledger.context() of the call, then the integration's own options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional

from .._context import current_context

CUSTOMER_KEY = "inferledger.customer"
FEATURE_KEY = "inferledger.feature"


@dataclass(frozen=True)
class IntegrationOptions:
    client: Any  # an inferledger.Client (anything with track())
    customer: Optional[str] = None
    feature: Optional[str] = None
    metadata: Optional[Dict[str, str]] = None

    @classmethod
    def of(cls, client: Any, customer: Optional[str], feature: Optional[str], metadata: Optional[Mapping[str, str]]) -> "IntegrationOptions":
        return cls(client, customer, feature, dict(metadata) if metadata else None)

    def attribution(self, run_metadata: Optional[Mapping[str, Any]], captured: Optional[Mapping[str, Any]]) -> Dict[str, Optional[str]]:
        """Customer and feature; `captured` is the caller's context (None: the current one)."""
        meta = run_metadata or {}
        ctx = captured if captured is not None else (current_context() or {})
        return {
            "customer": _text(meta.get(CUSTOMER_KEY)) or ctx.get("customer") or self.customer,
            "feature": _text(meta.get(FEATURE_KEY)) or ctx.get("feature") or self.feature,
        }


def _text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value else None
