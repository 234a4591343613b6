"""Prose segments of plain text, Markdown and HTML: offsets into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.segment import kind_of, layout, segments


def prose(text: str, path: str = "a.md", kind: str | None = None) -> str:
    """The prose of ``text`` joined by ``|``."""
    return "|".join(text[s.start : s.end] for s in segments(Document(path, text), kind))


def test_kind_from_extension():
    assert kind_of("a.md") == kind_of("b.MARKDOWN") == "markdown"
    assert kind_of("x/a.html") == kind_of("a.htm") == "html"
    assert kind_of("a.txt") == kind_of("-") == kind_of("README") == "text"


def test_plain_text_is_all_prose():
    text = "Une aid `code` <b>x</b>\n"
    assert segments(Document("a.txt", text)) == segments(Document("a.md", text), "text")
    assert prose(text, "a.txt") == text
    assert segments(Document("a.txt", "")) == []


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown document type"):
        layout(Document("a.md", "x"), "rst")


def test_markdown_skips_code_and_link_targets():
    text = (
        "# Le titre\n\n"
        'Une `inline code` et [un lien](https://example.com/the-page "The title") ici.\n'
        "Voir <https://example.org/x> ou <moi@example.org>.\n\n"
        "```python\nprint('the viewpoint')\n```\n\n"
        "    indented viewpoint code\n\n"
        "Texte ``avec `deux` backticks`` fin.\n"
    )
    found = prose(text)
    for skipped in ("inline code", "example.com", "The title", "example.org", "print", "indented"):
        assert skipped not in found
    for kept in ("Le titre", "Une ", " et [un lien]", " ici.", "Texte ", " fin."):
        assert kept in found
    assert "deux" not in found


def test_markdown_front_matter_yaml_and_toml():
    yaml = "---\ntitle: The viewpoint\n---\nUne phrase.\n"
    toml = '+++\ntitle = "The viewpoint"\n+++\nUne phrase.\n'
    assert prose(yaml) == prose(toml) == "Une phrase.\n"
    # A thematic break later in the file is not front matter.
    assert "viewpoint" in prose("Une phrase.\n\n---\nThe viewpoint\n---\n")


def test_markdown_reference_definitions_images_and_html():
    text = (
        "![une belle image](img/the-picture.png) et [texte][the-label].\n\n"
        '[the-label]: https://example.com/ref "Ref title"\n\n'
        'Avant <span class="the-class">dedans</span> après <!-- mtfix: ignore -->\n\n'
        '<div title="un titre">\nProse du bloc\n<script>var viewpoint = 1;</script>\n</div>\n'
    )
    found = prose(text)
    assert "une belle image" in found and "img/" not in found
    assert "the-label" not in found and "Ref title" not in found
    assert "dedans" in found and "the-class" not in found and "mtfix" not in found
    assert "un titre" in found and "Prose du bloc" in found and "viewpoint" not in found
    comments = layout(Document("a.md", text)).comments
    assert [text[a:b] for a, b in comments] == [" mtfix: ignore "]


def test_markdown_offsets_point_into_original_text():
    text = (
        "---\na: b\n---\n\n- Un élément avec `code`\n> Une citation\n\n"
        "| a | b |\n|---|---|\n| c | d |\n"
    )
    for segment in segments(Document("a.md", text)):
        assert 0 <= segment.start < segment.end <= len(text)
    assert "Un élément avec " in prose(text) and "Une citation" in prose(text)


def test_html_text_nodes_alt_and_title():
    text = (
        "<!DOCTYPE html><html><head><title>Le titre</title>"
        "<style>body { content: 'the style' }</style></head>\n"
        '<body><p class="the-intro">Une aid pour <code>the code</code> la '
        '<a href="https://x.com/the" title="le lien">viewpoint</a>.</p>\n'
        "<img src=\"the.png\" alt='une image'><!-- mtfix: ignore -->\n"
        "<pre>the preformatted</pre><script>var the = 1;</script></body></html>"
    )
    found = prose(text, "a.html")
    assert found.split("|") == [
        "Le titre",
        "Une aid pour ",
        " la ",
        "le lien",
        "viewpoint",
        ".",
        "une image",
    ]
    comments = layout(Document("a.html", text)).comments
    assert [text[a:b] for a, b in comments] == [" mtfix: ignore "]


def test_type_override():
    text = "Une `viewpoint` ici.\n"
    assert "viewpoint" in prose(text, "a.txt")
    assert "viewpoint" not in prose(text, "a.txt", "markdown")
    assert prose("<b>Un</b>", "a.md", "html") == "Un"


def test_findings_in_markdown_point_into_the_file():
    text = "---\ntitle: The aid\n---\n\nUne `aid` et une aid pour la viewpoint.\n"
    findings = check_document(Document("a.md", text), CheckOptions(suggest=False))
    words = {text[f.start : f.end] for f in findings}
    assert {"aid", "viewpoint"} <= words
    assert all(f.start > text.index("`aid`") + 5 for f in findings)


MARKDOWN_BITS = st.sampled_from(
    [
        "Une",
        " ",
        "\n",
        "\n\n",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "#",
        "---",
        "+++",
        "```",
        "    ",
        "<!--",
        "-->",
        "<b>",
        "</b>",
        "\\",
        "http://x.y",
        "é",
        "> ",
        "- ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKDOWN_BITS, max_size=40).map("".join), st.sampled_from(["a.md", "a.html"]))
def test_segments_are_sorted_disjoint_and_in_bounds(text, path):
    found = segments(Document(path, text))
    previous = 0
    for segment in found:
        assert previous <= segment.start < segment.end <= len(text)
        previous = segment.end
