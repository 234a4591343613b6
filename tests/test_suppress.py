"""Inline suppressions: ignore, ignore-next-line, off/on, narrowed; unused ones."""

from __future__ import annotations

import re

from mtfix.models import Document, Finding
from mtfix.pipeline import CheckOptions, check_document
from mtfix.suppress import UNUSED_RULE, apply_suppressions, find_suppressions

SPUN = "Une aid pour la viewpoint de ce projet."


def words(text: str, path: str = "a.txt", **options) -> list[str]:
    """The English findings' texts (other rules, e.g. duplicated lines, left out)."""
    options.setdefault("select", frozenset({"english"}))
    findings = check_document(Document(path, text), CheckOptions(suggest=False, **options))
    return [f.text if f.rule != UNUSED_RULE else f"unused:{f.text}" for f in findings]


def test_without_suppression_both_words_are_found():
    assert words(SPUN + "\n") == ["aid", "viewpoint"]


def test_ignore_on_the_line_in_plain_text():
    assert words(f"{SPUN}  # mtfix: ignore\n{SPUN}\n") == ["aid", "viewpoint"]


def test_ignore_narrowed_by_word_or_rule():
    assert words(f"{SPUN} # mtfix: ignore aid\n") == ["viewpoint"]
    assert words(f"{SPUN} # mtfix: ignore english-word\n") == []
    assert words(f"{SPUN} # mtfix: ignore english-title\n") == ["aid", "viewpoint"]


def test_markdown_needs_an_html_comment():
    assert words(f"{SPUN} mtfix: ignore\n", "a.md") == ["aid", "viewpoint"]
    assert words(f"{SPUN} <!-- mtfix: ignore -->\n", "a.md") == []
    assert words(f"{SPUN} <!-- mtfix: ignore VIEWPOINT -->\n", "a.md") == ["aid"]
    # A directive shown in a code block is not a directive.
    text = f"```\n<!-- mtfix: ignore-next-line -->\n```\n{SPUN}\n"
    assert words(text, "a.md") == ["aid", "viewpoint"]


def test_ignore_next_line():
    text = f"<!-- mtfix: ignore-next-line -->\n{SPUN}\n{SPUN}\n"
    assert len(words(text, "a.md")) == 2
    text = f"intro # mtfix: ignore-next-line viewpoint\n{SPUN}\n"
    assert words(text) == ["aid"]


def test_off_on_region_in_html():
    text = (
        f"<p>{SPUN}</p>\n<!-- mtfix: off -->\n<p>{SPUN}</p>\n<p>{SPUN}</p>\n"
        f"<!-- mtfix: on -->\n<p>{SPUN}</p>\n<!-- mtfix: off aid -->\n<p>{SPUN}</p>\n"
    )
    assert words(text, "a.html") == ["aid", "viewpoint", "aid", "viewpoint", "viewpoint"]


def test_unused_suppressions_are_reported_on_request():
    text = f"{SPUN} <!-- mtfix: ignore aid -->\n\nUne phrase. <!-- mtfix: ignore -->\n"
    assert words(text, "a.md") == ["viewpoint"]
    assert words(text, "a.md", extend_select=frozenset({"unused-suppression"})) == [
        "viewpoint",
        "unused:mtfix: ignore",
    ]


def test_unused_does_not_depend_on_select_or_confidence():
    text = f"{SPUN} # mtfix: ignore aid\n"
    found = words(
        text, select=frozenset({"english-title"}), extend_select=frozenset({"unused-suppression"})
    )
    assert found == []


def test_find_and_apply_directly():
    text = "un mot\n# mtfix: off\ndeux mots\n# mtfix: on\ntrois\n"
    found = find_suppressions(text, None)
    assert [(s.directive, text[s.cover_start : s.cover_end]) for s in found] == [
        ("off", "\ndeux mots\n# ")
    ]
    inside = Finding(text.index("deux"), text.index("deux") + 4, "deux", "english-word", 1, "m")
    outside = Finding(text.index("trois"), text.index("trois") + 5, "trois", "english-word", 1, "m")
    assert apply_suppressions(text, [inside, outside], found) == [outside]


def test_a_rule_prefix_narrows_a_suppression():
    text = f"{SPUN} <!-- mtfix: ignore english -->\n{SPUN}\n"
    assert words(text, "a.md") == ["aid", "viewpoint"]
    text = f"{SPUN} <!-- mtfix: ignore typography -->\n"
    assert words(text, "a.md") == ["aid", "viewpoint"]


def test_suppression_sweep_decides_as_every_pair() -> None:
    """The sweep in apply_suppressions keeps exactly what comparing each finding with
    each directive keeps, on generated texts of directives and words."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from mtfix.models import Finding
    from mtfix.suppress import apply_suppressions, find_suppressions

    lines = st.sampled_from(
        [
            "Une aid ici.",
            "Une aid ici. # mtfix: ignore",
            "# mtfix: ignore-next-line",
            "# mtfix: off",
            "# mtfix: on",
            "La viewpoint. # mtfix: ignore aid",
            "mtfix: ignore english-title",
        ]
    )

    def every_pair(findings, suppressions):
        kept = []
        for finding in findings:
            if any(s.start < finding.end and finding.start < s.end for s in suppressions):
                continue
            if not any(s.matches(finding) for s in suppressions):
                kept.append(finding)
        return kept

    @settings(max_examples=200, deadline=None)
    @given(st.lists(lines, max_size=12))
    def check(chosen):
        text = "\n".join(chosen) + "\n"
        findings = [
            Finding(m.start(), m.end(), m.group(), "english-word", 0.9, "t")
            for m in re.finditer(r"aid|viewpoint|ignore", text)
        ]
        suppressions = find_suppressions(text, None)
        assert apply_suppressions(text, findings, suppressions) == every_pair(
            findings, suppressions
        )

    check()
