"""mtfix: find and fix English intrusions in machine-translated French text.

``import mtfix`` is cheap: the API below loads on first use.

>>> import mtfix
>>> findings = mtfix.check_text("Le viewpoint des experts.")
>>> mtfix.fix_text("Le viewpoint des experts.", unsafe=True)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Finding", "Suggestion", "__version__", "check_text", "fix_text"]

if TYPE_CHECKING:
    from .api import check_text, fix_text
    from .models import Finding, Suggestion

_LAZY = {
    "check_text": "api",
    "fix_text": "api",
    "Finding": "models",
    "Suggestion": "models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mtfix' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
