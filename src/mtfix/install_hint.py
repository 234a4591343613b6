"""How to add the ``context`` extra to this installation of mtfix.

mtfix is not on PyPI, so ``pip install 'mtfix[context]'`` would not find it: the hint
installs the extra from wherever this copy came from (a checkout, a folder, a git
repository, a wheel), as pip recorded it (``direct_url.json``, PEP 610), with the
Python that runs mtfix.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

EXTRA = "context"


def context_available() -> bool:
    """Whether the context extra is installed: its bindings are found, not imported
    (importing them takes longer than checking an article). Here, not in ``scorer``: a
    run without the model then never imports the scorer's module."""
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


def context_extra_hint() -> str:
    """The command that installs the ``context`` extra for the running mtfix."""
    return extra_hint_for(_installed_file("direct_url.json"))


def _installed_file(name: str) -> str | None:
    """The file ``name`` of mtfix's ``.dist-info`` folder, found on ``sys.path`` as
    ``importlib.metadata`` finds it (the first one wins), without importing it: its
    import costs more than the rest of a short run's start-up."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for found in sorted(names):
            if found.lower().startswith("mtfix-") and found.endswith(".dist-info"):
                try:
                    return Path(entry or ".", found, name).read_text(encoding="utf-8")
                except OSError:
                    return None
    return None


def extra_hint_for(direct_url: str | None, extra: str = EXTRA) -> str:
    """The pip command for ``extra``, given the installation's ``direct_url.json``."""
    pip = f"{sys.executable} -m pip install"
    try:
        origin = json.loads(direct_url) if direct_url else {}
    except ValueError:
        origin = {}
    url = origin.get("url", "") if isinstance(origin, dict) else ""
    if not url:
        return f"{pip} {shlex.quote(f'mtfix[{extra}]')}"
    if url.startswith("file://") and "dir_info" in origin:
        folder = unquote(urlparse(url).path)
        editable = "-e " if origin["dir_info"].get("editable") else ""
        return f"{pip} {editable}{shlex.quote(f'{folder}[{extra}]')}"
    vcs = origin.get("vcs_info", {}).get("vcs")
    source = f"{vcs}+{url}" if vcs else url
    return f"{pip} {shlex.quote(f'mtfix[{extra}] @ {source}')}"
