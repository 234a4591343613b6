"""The long form of an acronym (Schwartz and Hearst's test)."""

from __future__ import annotations

import pytest

from mtfix.acronyms import abbreviates, spells_out_acronym


@pytest.mark.parametrize(
    ("acronym", "phrase"),
    [
        ("APOP", "Authenticated Post Office Protocol"),
        ("HTTP", "Hypertext Transfer Protocol"),
        ("DNS", "Internet Domain Name System"),
        ("CRAM-MD5", "Challenge-Response Authentication Mechanism MD5"),
        ("FTBFS", "Fails To Build From Source"),
    ],
)
def test_long_forms(acronym: str, phrase: str):
    assert abbreviates(acronym, phrase)


@pytest.mark.parametrize(
    ("acronym", "phrase"),
    [
        ("CIA", "The Combat of His Lifestyle Inside of Joe Biden's White Residence"),
        ("NASA", "Authenticated Post Office Protocol"),
        ("XML", "The Extensible Markup Language"),  # X starts no word
        ("A", "Anything"),
    ],
)
def test_not_long_forms(acronym: str, phrase: str):
    assert not abbreviates(acronym, phrase)


def test_the_acronym_may_stand_inside_the_quotation_or_near_it():
    text = "le protocole (« Hypertext Transfer Protocol (HTTP) ») et la suite"
    start = text.index("Hyper")
    assert spells_out_acronym(text, start, text.index(" »"))
    far = "« Hypertext Transfer Protocol »" + " mot" * 30 + " HTTP"
    assert not spells_out_acronym(far, 2, far.index(" »"))
