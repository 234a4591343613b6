"""No regular expression in mtfix backtracks catastrophically.

Every compiled pattern found in the ``mtfix`` modules runs (``finditer``, which tries
every start position, the worst case) over adversarial strings of 100,000 characters:
long runs of letters, hyphens, apostrophes, dots, slashes, unclosed tags and comments,
nested brackets. A linear pattern takes milliseconds on each; a quadratic one takes
minutes, so the bound (2 s a string) is generous and still catches it. The functions
built on them (tokenizer, Markdown/HTML scanners, typography rules, suppressions) get
the same strings.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import mtfix
from mtfix.markup import html_markup, markdown_markup
from mtfix.models import Document, Segment
from mtfix.tokenize import TECHNICAL_RE, tokenize

N = 100_000
BOUND = 2.0  # seconds for one pattern over one string


def _rep(piece: str) -> str:
    return (piece * (N // len(piece) + 1))[:N]


ADVERSARIAL = {
    "letters": _rep("a"),
    "accented": _rep("é"),
    "letters-spaces": _rep("ab "),
    "hyphens": _rep("a-"),
    "double-hyphens": _rep("--"),
    "apostrophes": _rep("a'"),
    "curly-apostrophes": _rep("l’"),
    "dots": _rep("a."),
    "only-dots": _rep("."),
    "slashes": _rep("a/"),
    "backslashes": _rep("\\"),
    "at-signs": _rep("a@"),
    "email-like": _rep("a.b@c"),
    "digits-dots": _rep("1."),
    "digits-colons": _rep("1:"),
    "nested-brackets": "[" * (N // 2) + "]" * (N // 2),
    "nested-parens": "(" * (N // 2) + ")" * (N // 2),
    "open-parens": _rep("a(1"),
    "unclosed-tags": _rep("<a b=c "),
    "unclosed-tag-names": _rep("<a"),
    "unclosed-comments": _rep("<!--"),
    "unclosed-pi": _rep("<?"),
    "unclosed-decl": _rep("<!a"),
    "unclosed-cdata": _rep("<![CDATA["),
    "attributes": "<a" + _rep(" alt=x")[: N - 3] + " ",
    "quotes": _rep('"“'),
    "guillemets": _rep("« "),
    "backticks": _rep("`a"),
    "emoticons": _rep(":-"),
    "spaces": _rep(" \u00a0\u202f"),
    "newlines": _rep("\r\n"),
    "directive": _rep("mtfix: ignore "),
    "front-matter": "---\n" + _rep("a: b\n"),
    "urls": _rep("http://"),
    "www": _rep("www."),
    "options": _rep("-a"),
    "man-refs": _rep("a-"),
    "underscores": _rep("a_"),
}


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.iter_modules(mtfix.__path__):
        module = importlib.import_module(f"mtfix.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    return sorted(found.items())


PATTERNS = _patterns()


def test_patterns_found():
    names = {name for name, _ in PATTERNS}
    assert "tokenize.TECHNICAL_RE" in names and "markup.HTML_TAG_RE" in names
    assert len(PATTERNS) >= 15


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_pattern_is_linear(name: str, pattern: re.Pattern[str]):
    slow = []
    for label, text in ADVERSARIAL.items():
        began = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        elapsed = time.perf_counter() - began
        if elapsed > BOUND:
            slow.append(f"{label}: {elapsed:.1f} s")
    assert not slow, f"{name} is slow on: {', '.join(slow)}"


def _timed(function, text: str) -> float:
    began = time.perf_counter()
    function(text)
    return time.perf_counter() - began


SCANNERS = {
    "tokenize": lambda text: tokenize(text, [Segment(0, len(text))]),
    "markdown": markdown_markup,
    "html": html_markup,
}


@pytest.mark.parametrize("scanner", sorted(SCANNERS))
def test_scanners_are_linear(scanner: str):
    function = SCANNERS[scanner]
    slow = [
        f"{label}: {elapsed:.1f} s"
        for label, text in ADVERSARIAL.items()
        if (elapsed := _timed(function, text)) > 3 * BOUND
    ]
    assert not slow, f"{scanner} is slow on: {', '.join(slow)}"


def test_text_rules_are_linear():
    from mtfix.duplicates import check_duplicates
    from mtfix.typography import check_quotes, check_spacing

    slow = []
    for label, text in ADVERSARIAL.items():
        document = Document("adversarial.txt", text)
        whole = [Segment(0, len(text))]
        for rule in (check_quotes, check_spacing, check_duplicates):
            began = time.perf_counter()
            rule(document, whole)
            elapsed = time.perf_counter() - began
            if elapsed > 3 * BOUND:
                slow.append(f"{rule.__name__} on {label}: {elapsed:.1f} s")
    assert not slow, "; ".join(slow)


def test_technical_regions_unchanged_on_realistic_text():
    """The linear rewrite of TECHNICAL_RE finds the same regions on ordinary text."""
    text = (
        "Voir https://exemple.fr/a?b=c et www.site.fr, écrire à jean.dupont@exemple.fr, "
        "lancer ls --all -l ~/docs/fichier_1.txt, consulter head(1), ld.so(8) et "
        "systemd.journal-fields(7), le fichier /etc/apt/sources.list, la variable $HOME, "
        "a=b {x} [y] <z> l’aujourd’hui porte-monnaie."
    )
    spans = [text[a:b] for a, b in (m.span() for m in TECHNICAL_RE.finditer(text))]
    assert spans == [
        "https://exemple.fr/a?b=c",
        "www.site.fr,",
        "jean.dupont@exemple.fr",
        "--all",
        "-l",
        "~/docs/fichier_1.txt,",
        "head(1)",
        "ld.so",
        "systemd.journal",
        "fields(7)",
        "/etc/apt/sources.list,",
        "$HOME,",
        "a=b",
        "{x}",
        "[y]",
        "<z>",
    ]
