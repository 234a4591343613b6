"""Text integrity, checked on generated texts (hypothesis)."""

from __future__ import annotations

import codecs
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from test_fix_helpers import fake_findings

from mtfix.document import decode
from mtfix.fix import apply_fixes
from mtfix.models import Applicability, Document, Edit, Fix
from mtfix.planning import fix_until_stable
from mtfix.writer import encode

PIECES = [
    "aid", "Aid", "AID", "gurus", "viewpoint", "remark", "Remark", "thoughts", "hero",
    "de", "De", "la", "le", "l’", "l'", "d’", "qu’", "que", "jusque", "une", "les",
    "maison", "été", "œuvre", "naïve", "Ça", "😀",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "\n", "\r\n", "\u00a0", ", ", ". ", "’", "'", "«", "»", "\t"]

texts = st.lists(st.sampled_from(PIECES) | st.sampled_from(SEPARATORS), max_size=40).map("".join)


def fix_text(text: str, unsafe: bool = False) -> str:
    """As ``mtfix fix --write`` does: fixed until no selected fix is left."""

    def findings_of(current: str):
        return fake_findings(Document("t", current))

    return fix_until_stable(text, findings_of, unsafe).text


@st.composite
def text_and_fixes(draw):
    text = draw(st.text(max_size=60))
    fixes = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 6)))
        fixes.append(Fix((Edit(start, end, draw(st.text(max_size=5))),), Applicability.SAFE))
    return text, fixes


@given(text_and_fixes())
def test_bytes_outside_edits_unchanged_and_no_overlap(case):
    text, fixes = case
    result = apply_fixes(text, fixes)
    edits = sorted((e for f in result.applied for e in f.edits), key=lambda e: e.start)
    # applied edits never overlap
    for before, after in itertools.pairwise(edits):
        assert before.end <= after.start and (before.start, before.end) != (after.start, after.end)
    # rebuild the result from the untouched pieces and the replacements
    rebuilt, position = [], 0
    for edit in edits:
        rebuilt += [text[position : edit.start], edit.replacement]
        position = edit.end
    rebuilt.append(text[position:])
    assert result.text == "".join(rebuilt)
    assert len(result.applied) + len(result.skipped) == len(fixes)


@st.composite
def multi_edit_fixes(draw):
    """Fixes of one to three edits each, insertions and touching ranges included."""
    fixes = []
    for _ in range(draw(st.integers(0, 10))):
        edits = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(0, 30))
            edits.append(Edit(start, draw(st.integers(start, min(30, start + 4))), "x"))
        fixes.append(Fix(tuple(edits), Applicability.SAFE))
    return fixes


def _touch(a, b):
    if a.start == a.end or b.start == b.end:
        return a.start == b.start or b.start < a.start < b.end or a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


@settings(max_examples=300)
@given(multi_edit_fixes())
def test_overlap_sweep_takes_what_comparing_every_pair_takes(fixes):
    """The bisected sweep of ``apply_fixes`` decides as comparing each fix with every
    edit taken before it (the quadratic rule it replaced)."""
    expected, taken_edits = [], []
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        own = any(_touch(a, b) for i, a in enumerate(fix.edits) for b in fix.edits[i + 1 :])
        if not own and not any(_touch(e, t) for e in fix.edits for t in taken_edits):
            expected.append(fix)
            taken_edits += fix.edits
    assert list(apply_fixes("." * 30, fixes).applied) == expected


@settings(max_examples=300)
@given(texts, st.booleans())
def test_fixing_twice_is_fixing_once(text, unsafe):
    once = fix_text(text, unsafe)  # run 2 == run 1, not run 3 == run 2
    assert fix_text(once, unsafe) == once


@settings(max_examples=300)
@given(texts)
def test_newlines_kept(text):
    fixed = fix_text(text, unsafe=True)
    assert fixed.count("\r\n") == text.count("\r\n")
    assert fixed.count("\n") == text.count("\n")
    assert fixed.endswith("\n") == text.endswith("\n")
    assert len(fixed.split("\n")) == len(text.split("\n"))


@settings(max_examples=200)
@given(texts, st.sampled_from(["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"]))
def test_encoding_round_trip(text, kind):
    boms = {
        "utf-8": b"",
        "utf-8-bom": codecs.BOM_UTF8,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }
    codec = {"utf-8-bom": "utf-8"}.get(kind, kind)
    data = boms[kind] + text.encode(codec)
    document = decode(data, "t")
    assert encode(document, document.text, data) == data
    fixed = fix_text(document.text)
    out = encode(document, fixed, data)
    assert out.startswith(boms[kind])
    assert decode(out, "t").text == fixed
