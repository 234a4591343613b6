"""Headings left in English: one finding for the whole line, French and code lines silent."""

from __future__ import annotations

from dataclasses import replace

from mtfix.headings import heading_lines
from mtfix.pipeline import CheckOptions, check_text

ENGLISH = CheckOptions(select=frozenset({"english"}), suggest=False)
BODY = "Ce chapitre explique comment installer des paquets sur le système."


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in check_text(text, ENGLISH)]


def test_an_english_heading_is_one_finding_for_the_line():
    for heading in ("Convert Spaces to Tabs", "Display file or file system status"):
        text = f"{BODY}\n\n{heading}\n\n{BODY}\n"
        assert findings(text) == [("english-title", heading)]


def test_a_markdown_heading_and_a_first_line_are_headings():
    assert findings(f"## Getting started with the installer\n\n{BODY}\n") == [
        ("english-title", "Getting started with the installer")
    ]
    assert findings(f"Remove empty directories\n\n{BODY}\n") == [
        ("english-title", "Remove empty directories")
    ]


def test_french_headings_and_english_sentences_are_not_headings():
    assert findings(f"Installer les paquets du système\n\n{BODY}\n") == []
    # A line ending a sentence is a paragraph: its English words are findings of their own.
    text = f"{BODY}\n\nPlease convert the spaces to tabs.\n\n{BODY}\n"
    assert "english-title" not in [rule for rule, _ in findings(text)]


def test_a_line_of_code_or_a_path_is_no_heading():
    assert heading_lines(f"{BODY}\n\nmake install DESTDIR=/tmp/root\n\n{BODY}") == []
    assert heading_lines(f"{BODY}\n\nSee /usr/share/doc for the files\n\n{BODY}") == []
    assert heading_lines("Une seule ligne sans saut") == []


def test_a_heading_with_one_english_word_is_left_to_the_word_rules():
    text = f"{BODY}\n\nLes options du download\n\n{BODY}\n"
    assert [rule for rule, _ in findings(text)] != ["english-title"]


def test_headings_are_found_with_windows_line_ends():
    text = f"{BODY}\r\n\r\nConvert Spaces to Tabs\r\n\r\n{BODY}\r\n"
    assert findings(text) == [("english-title", "Convert Spaces to Tabs")]


def test_html_headings_come_from_the_markup():
    html = (
        "<html><body>\n<h2>Getting started with the installer</h2>\n"
        f"<p>{BODY}</p>\n<h2>Installer les paquets</h2>\n<p>{BODY}</p>\n</body></html>\n"
    )
    found = [(f.rule, f.text) for f in check_text(html, replace(ENGLISH, kind="html"))]
    assert found == [("english-title", "Getting started with the installer")]
    # A paragraph in HTML is no heading, whatever its length.
    paragraph = f"<p>{BODY}</p>\n\n<p>Getting started with the installer</p>\n"
    assert "english-title" not in [
        f.rule for f in check_text(paragraph, replace(ENGLISH, kind="html"))
    ]
