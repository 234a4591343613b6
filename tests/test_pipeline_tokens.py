"""The pipeline tokenizes a document only when a checker that runs reads the tokens."""

from __future__ import annotations

import pytest

from mtfix import pipeline
from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document

TEXT = (
    "Il a dit « bonjour ,puis  il est parti.\n"
    "Il a dit « bonjour ,puis  il est parti, voilà.\n"
    "Il a dit « bonjour ,puis  il est parti, voilà.\n"
)


@pytest.mark.parametrize(
    "select",
    [{"typography-unbalanced-quotes"}, {"typography"}, {"duplicate-line"}, {"typography-spacing"}],
)
def test_rules_that_read_the_text_alone_need_no_tokens(monkeypatch, select):
    expected = check_document(Document("t.txt", TEXT), CheckOptions(select=frozenset(select)))
    assert expected  # the text has findings of each selection

    def no_tokenizing(*args, **kwargs):
        raise AssertionError("tokenized for rules that read no tokens")

    monkeypatch.setattr(pipeline, "tokenize", no_tokenizing)
    options = CheckOptions(select=frozenset(select))
    assert check_document(Document("t.txt", TEXT), options) == expected


def test_the_english_rules_tokenize(monkeypatch):
    calls = []
    real = pipeline.tokenize
    monkeypatch.setattr(pipeline, "tokenize", lambda *a: calls.append(a) or real(*a))
    check_document(Document("t.txt", "Le meeting est fini."), CheckOptions())
    assert calls
