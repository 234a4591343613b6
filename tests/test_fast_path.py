"""The fast paths give exactly what the slow reference paths give.

Detection tokenizes only the words that may be English (and their neighbours, the
capitalised words and the quotations), classifies each word form once per process, finds
technical regions only around their trigger characters, and the spacing rule scans only
the whitespace it can fire on. Each is compared here with the plain path on the
development corpora and on random strings made of the characters that matter.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from mtfix import typography
from mtfix.detect import MANUAL_REFERENCE_RE, Detector, manual_page_names
from mtfix.lexicon import default_lexicon
from mtfix.models import Document, Segment, Token
from mtfix.segment import layout
from mtfix.tokenize import (
    TECHNICAL_RE,
    WORD_RE,
    Cover,
    quote_regions,
    split_elision,
    technical_regions,
    tokenize,
)

CORPORA = Path(__file__).parent.parent / "benchmarks" / "corpora"
FILES = sorted(
    [*(CORPORA / "clean" / "dev").glob("*.txt"), *(CORPORA / "synthetic" / "dev").glob("*.txt")]
)[::4] + sorted((CORPORA / "seed").glob("*.txt"))
ALPHABET = "absS éA'’-./_=@(1 \n\u00a0\u202f«»“”\"‘:;,!?)h`wtp"


def _random_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _documents() -> list[tuple[str, list[Segment]]]:
    found = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        found.append((text, layout(Document(str(path), text), None).segments))
    return found


def test_the_corpora_are_there() -> None:
    assert len(FILES) > 50


def test_sparse_tokens_are_the_full_tokens_they_keep() -> None:
    detector = Detector(default_lexicon())
    for text, segments in _documents():
        full = tokenize(text, segments).tokens
        sparse = tokenize(text, segments, detector.needs).tokens
        assert len(sparse) < len(full)
        assert set(sparse) <= set(full)


def test_a_completed_sparse_tokenization_is_the_full_one() -> None:
    detector = Detector(default_lexicon())
    texts = [(text, segments) for text, segments in _documents()]
    texts += [(text, [Segment(0, len(text))]) for text in _random_texts(3000)]
    for text, segments in texts:
        full = tokenize(text, segments)
        completed = tokenize(text, segments, detector.needs).complete()
        assert list(completed.tokens) == list(full.tokens)
        assert (completed.quotes, completed.asides) == (full.quotes, full.asides)


@pytest.mark.parametrize("shared", [False, True])
def test_detection_on_sparse_tokens_matches_the_full_path(shared: bool) -> None:
    """Shared: one detector (and cache of forms) for every document, as in a batch."""
    lexicon = default_lexicon()
    detector = Detector(lexicon)
    flagged = 0
    for text, segments in _documents():
        reference = Detector(lexicon)
        full = tokenize(text, segments)
        expected = reference.detect(text, full.tokens, full.quotes, full.asides)
        fast = detector if shared else Detector(lexicon)
        sparse = tokenize(text, segments, fast.needs)
        assert fast.detect(text, sparse.tokens, sparse.quotes, sparse.asides) == expected
        flagged += len(expected)
    assert flagged > 100  # the comparison saw English to find


WORDS = [
    "always",
    "never",
    "ou",
    "et",
    "or",
    ",",
    "/",
    "exit",
    "logout",
    "return",
    "UNIX",
    "most",
    "Le",
    "la",
    "commande",
    "find",
    "aid",
    "however",
    "Cette",
    "arrive",
    "l’",
    "d'",
    "--bind",
    "«",
    "»",
    '"',
    ":",
    ".",
    "!",
    "the",
    "job",
    "interview",
]


def _random_sentences(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 14))]
        found.append("".join(w + rng.choice(("", " ", " ", ", ")) for w in words))
    return found


def test_detection_matches_on_random_text() -> None:
    lexicon = default_lexicon()
    detector = Detector(lexicon)
    for text in _random_texts(3000) + _random_sentences(4000):
        segments = [Segment(0, len(text))]
        full = tokenize(text, segments)
        sparse = tokenize(text, segments, detector.needs)
        expected = Detector(lexicon).detect(text, full.tokens, full.quotes, full.asides)
        assert detector.detect(text, sparse.tokens, sparse.quotes, sparse.asides) == expected


def _reference_tokens(text: str, segments: list[Segment]) -> list[Token]:
    """Tokens the plain way, one word at a time: what the tokenizer's columns must give."""
    found = []
    for segment in segments:
        start, end = segment.start, segment.end
        quoted = Cover(quote_regions(text, start, end))
        technical = [m.span() for m in TECHNICAL_RE.finditer(text, start, end)]
        previous_end = start
        for index, match in enumerate(WORD_RE.finditer(text, start, end)):
            gap, previous_end = text[previous_end : match.start()], match.end()
            if any(a < match.end() and match.start() < b for a, b in technical):
                continue
            head, separator, rest = split_elision(match.group())
            word_start = match.start() + (len(head) + 1 if separator else 0)
            stripped = gap.strip(" \t\"“”«»‘’'()[]\u00a0\u202f")
            ends_sentence = "\n\n" in gap or (stripped[:1] in set(".!?…") and bool(stripped))
            ends_sentence |= "\n" in gap and stripped[-1:] in set(".!?…") and bool(stripped)
            opening = gap.rstrip(" \t\u00a0\u202f")[-1:]
            found.append(
                Token(
                    rest if separator else match.group(),
                    word_start,
                    match.end(),
                    index == 0 or ends_sentence,
                    word_start in quoted,
                    bool(opening) and opening in "“«‘„‹\"'",
                    head + separator if separator else "",
                    any(
                        not text[match.end() : a].strip(" \t")
                        if a >= match.end()
                        else not text[b : match.start()].strip(" \t")
                        for a, b in technical
                    ),
                )
            )
    return found


def test_tokens_are_those_of_a_word_by_word_tokenizer() -> None:
    documents = _documents()
    for text in _random_texts(6000, seed=13):
        middle = len(text) // 2
        documents.append((text, [Segment(0, middle), Segment(middle + 1, len(text))]))
    for text, segments in documents:
        assert list(tokenize(text, segments).tokens) == _reference_tokens(text, segments), text


def test_technical_regions_match_a_scan_of_any_range() -> None:
    rng = random.Random(17)
    for text in _random_texts(20000, seed=19):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = [m.span() for m in TECHNICAL_RE.finditer(text, start, end)]
        assert technical_regions(text, start, end) == expected, (text, start, end)


def test_technical_regions_match_a_scan_of_the_whole_segment() -> None:
    texts = [text for text, _ in _documents()] + _random_texts(20000, seed=3)
    for text in texts:
        expected = [m.span() for m in TECHNICAL_RE.finditer(text, 0, len(text))]
        assert technical_regions(text, 0, len(text)) == expected, text


def test_spacing_matches_a_scan_of_every_whitespace_run(monkeypatch) -> None:
    documents = [(text, segments) for text, segments in _documents()]
    for text in _random_texts(5000, seed=5):
        middle = len(text) // 2
        documents.append((text, [Segment(0, middle), Segment(middle + 1, len(text))]))
    styles = [typography.DEFAULT_SETTINGS, typography.TypographySettings("curly", "plain", True)]

    def findings() -> list:
        return [
            typography.check_spacing(Document("x", text), segments, style)
            for text, segments in documents
            for style in styles
        ]

    fast = findings()
    monkeypatch.setattr(typography, "SPACING_TRIGGER_RE", re.compile("[ \u00a0\u202f\u2009]+"))
    assert fast == findings()
    assert sum(map(len, fast)) > 100


PROTECTED_PIECES = ["&amp;", "&D;", "&#233;", "http://a.b/c", "www.x.fr", "a.b@c.d", "`x y`"]
PROTECTED_PIECES += ["20:44", "3,5", "10h30", ":)", ";-)", "=D", "mot", ":", ";", " ", "\u00a0"]


def test_protected_regions_around_an_index_are_those_of_the_whole_line() -> None:
    """The spacing rule scans only the run of non-space characters around a mark."""
    rng = random.Random(23)
    for _ in range(20000):
        pieces = [rng.choice(PROTECTED_PIECES + list(ALPHABET)) for _ in range(rng.randint(0, 9))]
        text = "".join(pieces).replace("\n", " ")
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        line = typography.Line(start, end, ((start, end),))
        protected = typography._Protected(text, line)
        whole = typography._protected_spans(text, start, end)
        for index in range(max(0, start - 1), min(len(text), end + 1)):
            assert (index in protected) == any(a <= index < b for a, b in whole), text


def test_manual_page_names_are_those_of_a_scan_of_the_whole_text() -> None:
    rng = random.Random(29)
    pieces = ["flock", "(2)", "(1x)", "(123456)", "a", "-", "_", " ", "(", ")", "3", "é", "B"]
    pieces.append("x" * 62)
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        expected = {m.group(1).lower() for m in MANUAL_REFERENCE_RE.finditer(text)}
        assert manual_page_names(text) == expected, text


def test_document_words_from_columns_are_those_from_tokens() -> None:
    """The suggester's count of a document's words and pairs reads the columns of a
    completed tokenization, without building its tokens."""
    from mtfix.models import Finding
    from mtfix.slot import DocumentWords

    rng = random.Random(31)
    texts = [text for text, _ in _documents()[:20]] + _random_sentences(3000, seed=37)
    for text in texts:
        tokens = tokenize(text, [Segment(0, len(text))]).tokens
        findings = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(0, len(text))
            findings.append(Finding(start, rng.randint(start, len(text)), "", "x", 1.0, ""))
        for given in (text, ""):
            fast = DocumentWords.of(tokens, findings, given)
            assert fast == DocumentWords.of(list(tokens), findings, given), text
