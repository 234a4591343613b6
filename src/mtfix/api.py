"""The Python API: check or fix a string, as the command line does a file.

Everything here is picklable (frozen dataclasses), so ``check_text`` runs as well in a
``multiprocessing`` worker; the word lists load lazily, once per process.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Document, Finding


def check_text(
    text: str,
    *,
    path: str | None = None,
    kind: str | None = None,
    min_confidence: float = 0.0,
    suggest: bool = True,
    allow: Iterable[str] = (),
    context: bool = False,
) -> list[Finding]:
    """Findings in ``text``, sorted by offset.

    ``path`` only names the text (and, with ``kind`` unset, its type: ``.md`` reads as
    Markdown, ``.html`` as HTML); ``kind`` is ``"text"``, ``"markdown"`` or ``"html"``.
    Findings below ``min_confidence`` are left out; ``suggest=False`` skips suggestions
    (faster); ``allow`` lists words never to flag; ``context=True`` scores sentences with
    the language model, as ``--context`` does (``mtfix[context]``; the model loads once per
    process). Offsets are ``str`` indices into
    ``text``. No configuration file is read: pass settings explicitly.

    >>> [f.text for f in check_text("Un point de viewpoint intéressant.")]
    ['viewpoint']
    """
    from .pipeline import CheckOptions, check_document

    options = CheckOptions(
        min_confidence=min_confidence,
        suggest=suggest,
        allow=frozenset(allow),
        kind=kind,
        context=context,
    )
    return check_document(Document(path or "<text>", text), options)


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    path: str | None = None,
    kind: str | None = None,
    min_confidence: float = 0.0,
    allow: Iterable[str] = (),
    encoding: str | None = None,
) -> str:
    """``text`` with the safe fixes applied (also the unsafe ones with ``unsafe=True``),
    as ``mtfix fix --write`` does; other arguments as for :func:`check_text`.

    Safe is the rule's policy (``mtfix rules``): for an English word or span, confidence
    ≥ 0.7 and one suggestion clearly ahead. The result is checked again until no fix is
    left, so fixing it again changes nothing. Nothing outside the replaced words changes.
    ``encoding`` (``"cp1252"``...): the text will be written in it, so a replacement it
    cannot hold is written with an equivalent it can (U+202F → U+00A0), or left out.
    """
    from .planning import fix_until_stable

    def findings_of(current: str) -> list[Finding]:
        return check_text(
            current, path=path, kind=kind, min_confidence=min_confidence, suggest=True, allow=allow
        )

    return fix_until_stable(text, findings_of, unsafe, encoding=encoding).text
