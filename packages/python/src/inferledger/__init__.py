"""InferLedger SDK: one usage event per model call or GPU job, one outcome event per thing your
customer pays for. Standard library only."""

from ._anthropic import wrap_anthropic
from ._client import Client
from ._context import context, current_context
from ._errors import InferLedgerError
from ._openai import wrap_openai
from ._types import Context, DeliveryReport, Gpu, ServiceTier, Stats, Tokens
from ._version import VERSION

__version__ = VERSION
__all__ = [
    "Client",
    "Context",
    "DeliveryReport",
    "Gpu",
    "InferLedgerError",
    "ServiceTier",
    "Stats",
    "Tokens",
    "context",
    "current_context",
    "wrap_anthropic",
    "wrap_openai",
]
