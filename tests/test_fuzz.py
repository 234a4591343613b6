"""Property tests: no exception on any Unicode input; findings inside the text and its
prose; fix invariants (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtfix.fix import apply_fixes
from mtfix.models import Document, Segment
from mtfix.pipeline import CheckOptions, check_document
from mtfix.planning import fix_until_stable, plan, selected
from mtfix.segment import layout
from mtfix.tokenize import tokenize

PIECES = [
    "aid", "viewpoint", "Remark", "l’", "d'", "« ", " »", "“", "”", "-", "'", "’", ".", "?",
    " ", "\n", "\r\n", "\u00a0", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u202e", "😀",
    "👩‍👩‍👧", "\udce9", "\ud800", "`code`", "[lien](http://x.y)", "<b>", "</b>", "<!--",
    "-->", "# ", "```\n", "mtfix: ignore", "a" * 300, "https://a.b/c", "--opt", "x_y",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40).map("".join),
    st.binary(max_size=100).map(lambda b: b.decode("utf-8", "surrogateescape")),
)
kinds = st.sampled_from(["text", "markdown", "html"])
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts, kinds)
def test_segments_and_tokens_inside_text(text, kind):
    prose = layout(Document("t", text), kind).segments
    for segment in prose:
        assert 0 <= segment.start <= segment.end <= len(text)
    for token in tokenize(text, prose).tokens:
        assert any(s.start <= token.start < token.end <= s.end for s in prose)
        assert text[token.start : token.end] == token.text


@FAST
@given(texts, kinds)
def test_findings_inside_text_and_prose(text, kind):
    document = Document("t", text)
    prose = layout(document, kind).segments
    for finding in check_document(document, CheckOptions(kind=kind)):
        assert 0 <= finding.start <= finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        if finding.rule.startswith("english"):
            assert any(s.start <= finding.start and finding.end <= s.end for s in prose)


def _fix(text: str, kind: str) -> tuple[str, list]:
    findings = check_document(Document("t", text), CheckOptions(kind=kind))
    result = apply_fixes(text, selected(plan(text, findings), True))
    return result.text, result.applied


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES[:20]), max_size=30).map("".join), kinds)
def test_fix_touches_only_edits_and_is_idempotent(text, kind):
    fixed, applied = _fix(text, kind)
    edits = sorted((e for f in applied for e in f.edits), key=lambda e: e.start)
    rebuilt, position = [], 0
    for edit in edits:
        rebuilt += [text[position : edit.start], edit.replacement]
        position = edit.end
    rebuilt.append(text[position:])
    assert fixed == "".join(rebuilt)


def _fix_until_stable(
    text: str, kind: str, encoding: str | None = None, every_rule: bool = False
) -> str:
    """``fix --write --unsafe-fixes``; ``every_rule``: with ``--extend-select typography``."""
    extra = frozenset({"typography"}) if every_rule else frozenset()
    options = CheckOptions(kind=kind, extend_select=extra)

    def findings_of(current: str):
        return check_document(Document("t", current), options)

    return fix_until_stable(text, findings_of, unsafe=True, encoding=encoding).text


# Quotation marks, elisions and punctuation packed together: where fixes meet.
FIX_PIECES = [
    *PIECES[:20], "«", "»", "=", "l", "&amp;", ";", ":", "!", "  ", "x", "Il dit",
    "<img alt=\"", "\">", "`", "*",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FIX_PIECES), max_size=30).map("".join), kinds, st.booleans())
def test_second_fix_run_changes_nothing(text, kind, every_rule):
    once = _fix_until_stable(text, kind, every_rule=every_rule)
    assert _fix_until_stable(once, kind, every_rule=every_rule) == once


@FAST
@given(st.text(alphabet="a-'’./ ", max_size=2000))
def test_long_words(text):
    tokenize(text, [Segment(0, len(text))])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FIX_PIECES), max_size=30).map("".join),
    kinds,
    st.sampled_from(["cp1252", "latin-1"]),
    st.booleans(),
)
def test_legacy_encodings_get_what_they_hold_and_settle(text, kind, encoding, every_rule):
    text = "".join(c for c in text if c.encode(encoding, "ignore"))
    once = _fix_until_stable(text, kind, encoding, every_rule)
    once.encode(encoding)  # never a character the file cannot hold
    assert _fix_until_stable(once, kind, encoding, every_rule) == once
