"""Decide which tokens are English intrusions and merge neighbours into spans.

Evidence per word: wordfreq Zipf frequencies in French and English, membership in
the French lexicon, an accented French spelling (``experience`` / ``expérience``),
the allow list of loanwords, and whether the word is a name. A run of English
words is one finding; an English quotation is one finding of its own.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum

from .acronyms import ACRONYM_RE, NEARBY, abbreviates, spells_out_acronym
from .context import DETERMINERS
from .headings import HEADING_MIN_ENGLISH, heading_lines, reads_as_heading, words_in
from .lexicon import Lexicon, WordInfo
from .models import Finding, Token
from .tokenize import LIST_CONJUNCTIONS, Cover, Need, split_elision

RULE_WORD = "english-word"
RULE_SPAN = "english-span"
RULE_TITLE = "english-title"
RULES = (RULE_WORD, RULE_SPAN, RULE_TITLE)

# Thresholds in Zipf units (log10 of frequency per billion words).
MIN_ENGLISH_ZIPF = 2.0  # rarer English words are names or typos more often than intrusions
STRONG_LEAD = 1.0  # English at least 10x more frequent than French
WEAK_LEAD = 0.3
WEAK_MIN_ENGLISH = 3.0
FRENCH_FUNCTION_ZIPF = 5.5  # words this common in French are French (``a``, ``on``)
RUN_MAX_LEAD = 1.0
RUN_MEAN_LEAD = 0.6
EDGE_LEAD = 0.55  # a weak word at the edge of an English run joins it
RUN_JOINERS = frozenset(" -\u00a0")
RARE_IN_FRENCH = 3.0  # a French form this rare and far more common in English reads as English
BORROWED_LEAD = 1.5
PHRASE_MAX_WORDS = 4  # longest English expression a finding grows into
PHRASE_CACHE_SIZE = 100_000  # word sequences remembered per detector
MENTION_MAX_WORDS = 3  # a quotation this short names a term (« always »); it does not use it
INTRODUCER_QUALIFIERS = frozenset(
    [
        "interne",
        "internes",
        "externe",
        "externes",
        "intégrée",
        "intégrées",
        "intégré",
        "intégrés",
        "spéciale",
        "spéciales",
        "spécial",
        "spéciaux",
        "système",
        "shell",
        "clef",
        "clé",
        "principale",
        "principal",
        "réservé",  # ``le mot réservé function``
        "réservés",
    ]
)
LIST_SEPARATORS = frozenset((",", "/"))
# Introducers of literal values and keywords, English adjectives included (``la valeur
# yes``, ``l’option restricted``): a swap's evidence does not outweigh them.
VALUE_INTRODUCERS = frozenset(
    ("valeur", "option", "clé", "clef", "mot-clé", "argument", "paramètre", "touche", "balise")
)
# A word after a name introducer is a spinner's swap when the introducer is followed by
# one of the word's French homographs this many times or more in French prose, and this
# many times more often than chance would have it.
SWAP_MIN_PAIRS = 5
SWAP_MIN_ASSOCIATION = 40.0
SWAP_MIN_FRENCH_USES = 50


class Kind(IntEnum):
    FRENCH = 0
    NEUTRAL = 1  # names, numbers, acronyms, allowed words: never flagged, break runs
    WEAK = 2  # could be English in an English run (``job``, ``interview``)
    STRONG = 3  # English on its own


@dataclass(frozen=True, slots=True)
class WordVerdict:
    token: Token
    kind: Kind
    info: WordInfo
    accented: str = ""
    note: str = ""  # why the context made it English, for the finding's evidence

    @property
    def lead(self) -> float:
        return self.info.english_lead


def lookup_form(text: str) -> tuple[str, bool]:
    """Lower-case form to look up, and whether an English possessive was removed."""
    lower = text.lower()
    for suffix in ("’s", "'s"):
        if lower.endswith(suffix) and len(lower) > 3:
            return lower[: -len(suffix)], True
    return lower, False


def document_names(tokens: Sequence[Token]) -> frozenset[str]:
    """Words written with a capital in mid-sentence somewhere in the document."""
    return frozenset(
        lookup_form(t.text)[0]
        for t in tokens
        if t.text[:1].isupper() and not (t.sentence_start or t.quote_start)
    )


# Bound on the word forms a detector remembers: a process checking an archive keeps a
# cache of the forms it met, not of every string it ever read.
FORM_CACHE_SIZE = 200_000
FormVerdict = tuple[Kind, WordInfo, str]  # kind, what the lists say, accented spelling


class Detector:
    def __init__(self, lexicon: Lexicon, allow: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        self.allow = frozenset(word.lower() for word in allow)
        # A verdict depends on the token only through its text, whether it opens a
        # sentence or a quotation, and whether the document writes it as a name:
        # each such form is classified once per detector, across documents.
        self._forms: dict[tuple[str, bool, bool], FormVerdict] = {}
        self._phrases: dict[str, bool] = {}  # word sequences: known English expression?
        self._swaps: dict[tuple[str, str], bool] = {}  # (introducer, word): a swap?
        self._needs: dict[str, Need] = {}
        self._needing: set[str] = set()  # the words of _needs that need something

    def need(self, word: str) -> Need:
        """What a word as the tokenizer matched it (elision included) needs: neighbours
        when it may be English somewhere, its own token when it is capitalised and may
        name such a word elsewhere (``document_names``), else nothing."""
        known = self._needs.get(word)
        if known is None:
            _head, separator, rest = split_elision(word)
            form = rest if separator else word
            if self._form(form, True, False)[0] >= Kind.WEAK:
                known = Need.NEIGHBOURS
            elif form[:1].isupper() and self._may_name_english(form):
                known = Need.TOKEN
            else:
                known = Need.NOTHING
            if len(self._needs) < FORM_CACHE_SIZE:
                self._needs[word] = known
                if known:
                    self._needing.add(word)
        return known

    def needs(self, words: set[str]) -> dict[str, Need]:
        """``need`` of each of ``words`` that needs something, by set operations on the
        forms already met: a segment's words are mostly forms the process has seen."""
        needs = self._needs
        # difference() with a dict looks each word up (``-`` with its keys view would
        # walk the whole cache).
        found = {word: known for word in words.difference(needs) if (known := self.need(word))}
        found.update((word, needs[word]) for word in words & self._needing)
        return found

    def _may_name_english(self, form: str) -> bool:
        """Whether a word with ``form``'s lower-case form may be English where it opens a
        sentence: as ``Xxx`` or ``Xxx's`` (``’s`` reads the same), the only capitalised
        spellings that are not neutral anyway."""
        lower = lookup_form(form)[0]
        title = lower[:1].upper() + lower[1:]
        return any(self._form(t, True, False)[0] >= Kind.WEAK for t in (title, title + "'s"))

    def classify(self, tokens: Sequence[Token]) -> list[WordVerdict]:
        names = document_names(tokens)
        verdicts = []
        for token in tokens:
            text = token.text
            opens = token.sentence_start or token.quote_start
            named = opens and text[:1].isupper() and lookup_form(text)[0] in names
            kind, info, accented = self._form(text, opens, named)
            verdicts.append(WordVerdict(token, kind, info, accented))
        return verdicts

    def _form(self, text: str, opens: bool, named: bool) -> FormVerdict:
        key = (text, opens, named)
        known = self._forms.get(key)
        if known is None:
            known = self._classify(text, opens, named)
            if len(self._forms) < FORM_CACHE_SIZE:
                self._forms[key] = known
        return known

    def _classify(self, text: str, opens: bool, named: bool) -> FormVerdict:
        """``opens``: the word opens a sentence or a quotation; ``named``: the document
        writes it with a capital in mid-sentence elsewhere."""
        word, possessive = lookup_form(text)
        info = self.lexicon.info(word)
        neutral = (Kind.NEUTRAL, info, "")
        if len(word) < 2 or word in self.allow:
            return neutral
        if text.isupper() and len(text) > 1:
            return neutral  # acronym, constant or heading
        if any(c.isupper() for c in text[1:]) and not text.isupper():
            return neutral  # camelCase or McName
        if text[0].isupper() and (not opens or named):
            return neutral
        if "-" in word and info.en == 0 and info.fr == 0:
            return self._classify_compound(word)
        if self.lexicon.is_loanword(word):
            return (Kind.WEAK, info, "") if info.english_lead >= WEAK_LEAD else neutral
        accented = info.accented
        if possessive and info.en >= MIN_ENGLISH_ZIPF:
            return (Kind.STRONG, info, "")
        if (
            not info.in_lexicon
            and info.en >= MIN_ENGLISH_ZIPF
            and (info.english_lead >= STRONG_LEAD or (accented and info.english_lead > 0))
        ):
            return (Kind.STRONG, info, accented)
        if info.in_lexicon and info.fr < RARE_IN_FRENCH and info.english_lead >= BORROWED_LEAD:
            return (Kind.STRONG, info, "")  # a rare borrowing: ``gurus``
        if (
            info.english_lead >= WEAK_LEAD
            and info.en >= WEAK_MIN_ENGLISH
            and info.fr < FRENCH_FUNCTION_ZIPF
        ):
            return (Kind.WEAK, info, "")
        if not info.in_lexicon and info.fr == 0 and info.en == 0:
            return neutral  # unknown: a name, a typo, a rare word; not our call
        return (Kind.FRENCH, info, "")

    def _classify_compound(self, word: str) -> FormVerdict:
        """An unknown hyphenated word is English when every part is."""
        parts = [self.lexicon.info(part) for part in word.split("-") if part]
        info = min(parts, key=lambda p: p.english_lead) if parts else self.lexicon.info(word)
        english = all(
            not p.in_lexicon and p.en >= MIN_ENGLISH_ZIPF and p.english_lead >= STRONG_LEAD
            for p in parts
        )
        return (Kind.STRONG if english else Kind.NEUTRAL, info, "")

    def detect(
        self,
        text: str,
        tokens: Sequence[Token],
        quotes: Sequence[tuple[int, int]],
        asides: Sequence[tuple[int, int]] = (),
        headings: Sequence[tuple[int, int]] | None = None,
    ) -> list[Finding]:
        """``headings``: the document's headings where its markup says (HTML); by
        default, its lines that read as headings."""
        tokens = _after_sentence_ends(text, tokens)
        classified = self._unused_in_french(text, _identifier_parts(text, self.classify(tokens)))
        verdicts = _introduced_names(
            text,
            classified,
            self.lexicon.name_introducers,
            self.lexicon.anglicisms,
            self._qualifies,
        )
        verdicts, glossed = _glossed_terms(
            text, _names_in_lists(text, verdicts), asides, self._may_gloss
        )
        verdicts = _named_everywhere(classified, verdicts, glossed)
        verdicts = self._subjects_named(text, verdicts)
        verdicts = _manual_pages_named(text, verdicts)
        verdicts = self._translated_elsewhere(text, verdicts)
        verdicts = self._english_expressions(text, classified, verdicts)
        findings, covered = self._quotations(text, verdicts, quotes)
        verdicts = [v for v in verdicts if not covered(v.token)]
        if headings is None:
            lines = heading_lines(text)
        else:
            lines = [(a, b) for a, b in headings if reads_as_heading(text[a:b])]
        english_headings, in_heading = self._headings(text, verdicts, lines)
        findings.extend(english_headings)
        findings.extend(self._runs(text, [v for v in verdicts if not in_heading(v.token)]))
        findings.sort(key=lambda f: (f.start, f.end))
        return self._whole_phrases(text, tokens, findings)

    def _unused_in_french(self, text: str, verdicts: list[WordVerdict]) -> list[WordVerdict]:
        """A weak English word that French prose does not use (fewer than
        ``BORROWING_MIN_PROSE_USES`` times in the documentation of ``collocations.tsv``)
        though it is far more common in English (``bytes``: wordfreq's French counts
        hold English text), written once among French words,
        is English: a borrowing is a term French writers use, and a text that adopts
        one uses it again. Not an accepted loanword (``meeting``: the prose is
        technical documentation), nor a quoted word or one beside code: a name."""
        lexicon = self.lexicon
        result: list[WordVerdict] | None = None
        weak = [i for i, v in enumerate(verdicts) if v.kind is Kind.WEAK]
        for index in weak:
            verdict = verdicts[index]
            token = verdict.token
            if (
                verdict.lead < STRONG_LEAD
                or len(token.lower) <= SHORT_NAME_MAX_LETTERS
                or token.in_quotes
                or token.beside_code
                or lexicon.is_loanword(token.lower)
                or self._french_plural(token.lower)
                or not _among_french(verdicts, index)
                or lexicon.neighbours(token.lower).count >= BORROWING_MIN_PROSE_USES
            ):
                continue
            if result is None:
                result = list(verdicts)
                words = WordCounts(text)
            if words.count(token.lower) == 1:
                result[index] = replace(verdict, kind=Kind.STRONG, note=UNUSED_IN_FRENCH_NOTE)
        return verdicts if result is None else result

    def _french_plural(self, word: str) -> bool:
        """A plural whose singular is a French form about as common in French as in
        English (``sales``: ``sale``; not ``bytes``: ``byte``)."""
        if not word.endswith(("s", "x")):
            return False
        singular = self.lexicon.info(word[:-1])
        return singular.in_lexicon and singular.english_lead < FRENCH_SINGULAR_MAX_LEAD

    def _translated_elsewhere(self, text: str, verdicts: list[WordVerdict]) -> list[WordVerdict]:
        """A weak English word (``process``, ``nucleus``) whose French translation the
        document writes elsewhere (``processus``, ``noyau``) was left untranslated: a
        translator keeps one word for one thing."""
        weak = {
            v.token.lower
            for index, v in enumerate(verdicts)
            if _may_be_untranslated(v) and _among_french(verdicts, index)
        }
        if not weak:
            return verdicts
        # A word the document ever quotes or writes beside code (``« root »``) is a name.
        weak -= {v.token.lower for v in verdicts if v.token.in_quotes or v.token.beside_code}
        words = WordCounts(text)
        upgraded = {word for word in weak if self._translation_in(word, words)}
        if not upgraded:
            return verdicts
        return [
            replace(v, kind=Kind.STRONG)
            if v.token.lower in upgraded
            and _may_be_untranslated(v)
            and _among_french(verdicts, index)
            else v
            for index, v in enumerate(verdicts)
        ]

    def _english_expressions(
        self, text: str, before: list[WordVerdict], after: list[WordVerdict]
    ) -> list[WordVerdict]:
        """A multi-word English expression of the anglicism list (``for example``,
        ``that is``) is English wherever it stands: a name is one word, so neither an
        option beside it (``for example -c=dos``), an aside around it (``(that is, avant
        l'Époque)``) nor a list makes it one; nor an English adverb in -ly (``currently
        ext2``): names are nouns and verbs. ``before``: the verdicts of the words alone."""
        expressions = self._expressions
        result: list[WordVerdict] | None = None
        index = 0
        while index < len(after):
            size = _expression_at(text, after, index, expressions)
            if not size and before[index].kind == Kind.STRONG and self._adverb(after[index]):
                size = 1
            if not size or all(v.kind < Kind.WEAK for v in before[index : index + size]):
                index += 1
                continue
            if result is None:
                result = list(after)
            for at in range(index, index + size):
                result[at] = replace(after[at], kind=Kind.STRONG)
            index += size
        return after if result is None else result

    def _adverb(self, verdict: WordVerdict) -> bool:
        """An English adverb made of an English adjective and -ly (``currently``,
        ``probably``, ``happily``)."""
        token = verdict.token
        word = token.lower
        if not word.endswith("ly") or len(word) < 6 or token.elided:
            return False
        if token.text[:1].isupper() and not (token.sentence_start or token.quote_start):
            return False
        stems = (word[:-2], word[:-1] + "e", word[:-3] + "y")
        return any(
            (info := self.lexicon.info(stem)).en >= ADVERB_STEM_MIN_ENGLISH
            and info.english_lead >= WEAK_LEAD
            for stem in stems
        )

    @functools.cached_property
    def _expressions(self) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
        """The first words of the anglicism list's multi-word expressions, and the
        expressions as word tuples."""
        phrases = frozenset(tuple(key.split(" ")) for key in self.lexicon.anglicisms if " " in key)
        return frozenset(phrase[0] for phrase in phrases), phrases

    def _qualifies(self, introducer: str, verdict: WordVerdict) -> bool:
        """Whether the English word after the noun ``introducer`` qualifies the noun
        rather than names it: an English adjective, the noun's epithet where French
        puts one (``le fichier unusual``: names are nouns and verbs), or a spinner's swap
        of a French word that often follows this noun in French prose, more often than
        chance would put it there (``le répertoire ancestor`` for ``parent``, ``le code
        origin`` for ``source``). A value's
        introducer (``la valeur yes``, ``l’option restricted``) names literal words,
        adjectives included."""
        if introducer in VALUE_INTRODUCERS:
            return False
        if verdict.kind == Kind.STRONG and _reads_as_adjective(verdict):
            return True
        word = verdict.token.lower
        key = (introducer, word)
        known = self._swaps.get(key)
        if known is None:
            known = self._often_follows(introducer, word)
            if len(self._swaps) < PHRASE_CACHE_SIZE:
                self._swaps[key] = known
        return known

    def _often_follows(self, introducer: str, word: str) -> bool:
        lexicon = self.lexicon
        following = lexicon.neighbours(introducer)
        if not following.count:
            return False
        for french, _relations, _overlap in lexicon.spinner_candidates(word):
            pairs = following.right(french)
            if pairs < SWAP_MIN_PAIRS:
                continue
            count = lexicon.neighbours(french).count
            if count < SWAP_MIN_FRENCH_USES:
                continue  # a rare word's few pairs say little (``le script swing``)
            # Pointwise association: the pair's count against its count by chance.
            if pairs * lexicon.prose_words >= SWAP_MIN_ASSOCIATION * following.count * count:
                return True
        return False

    def _may_gloss(self, text: str, start: int, end: int) -> bool:
        """Whether the aside ``text[start:end]`` may gloss the word before it: French
        words (``(jamais)``, ``(un numéro)``), the word's short option (``classify
        (-F)``) or an acronym the words before spell out (``top-level domain (TLD)``).
        A number, a code or a name alone (``(2049)``, ``(UTF-8)``, ``(mtime)``) glosses
        nothing."""
        aside = text[start:end].strip(" \u00a0")
        if SHORT_OPTION_RE.fullmatch(aside):
            return True
        if ACRONYM_RE.fullmatch(aside):
            before = text[max(0, start - 1 - NEARBY) : start - 1].split()
            return any(
                abbreviates(aside, " ".join(before[-count:]))
                for count in range(1, min(len(before), len(aside) + 1) + 1)
            )
        words = LETTERS_RE.findall(aside)
        if len(words) > GLOSS_MAX_WORDS or not (aside[:1].isalpha() or aside[:1] in "«“\"'"):
            return False
        if words and words[0].lower() in CROSS_REFERENCES:
            return False  # ``(voir ci-dessous)`` sends the reader elsewhere
        lexicon = self.lexicon
        return any(
            (info := lexicon.info(word.lower())).in_lexicon and info.english_lead < STRONG_LEAD
            for word in words
        )

    def _subjects_named(self, text: str, verdicts: list[WordVerdict]) -> list[WordVerdict]:
        """A word opening a clause with no determiner before a French verb is its
        subject, a name (``si find renvoie``); not an English adverb or connective
        (``Also appelée``, ``therefore n'est``), and not a name elsewhere in the
        document: a spinner's noun may stand bare once."""
        connectives = self.lexicon.anglicisms
        return [
            replace(v, kind=Kind.NEUTRAL)
            if v.kind >= Kind.WEAK
            and v.token.lower not in connectives
            and not v.token.lower.endswith("ly")
            and _bare_subject(text, verdicts, index, self.lexicon.info)
            else v
            for index, v in enumerate(verdicts)
        ]

    def _translation_in(self, word: str, words: WordCounts) -> bool:
        """Whether the document writes a telling translation of ``word`` more than once
        and at least as often as the word itself (a term the document uses is written
        the same way throughout: ``le compte root`` beside one ``racine`` stays)."""
        lexicon = self.lexicon
        for french in lexicon.translations(word):
            if french == word or " " in french:
                continue
            if lexicon.info(french).fr > TELLING_TRANSLATION_ZIPF:
                continue
            if words.count(french) >= max(words.count(word), TRANSLATION_MIN_USES):
                return True
        return False

    def _whole_phrases(
        self, text: str, tokens: Sequence[Token], findings: list[Finding]
    ) -> list[Finding]:
        """A finding inside a known English expression (``of course``, where ``course``
        is French too) grows to the whole expression: the anglicism list and the
        dictionary's multi-word headwords, up to ``PHRASE_MAX_WORDS`` words."""
        starts = [t.start for t in tokens]
        grown: list[Finding] = []
        phrase_end = -1  # end of the last expression grown: the findings it swallowed
        for finding in findings:  # sorted by start: what a phrase swallows is at the tail
            if finding.rule in (RULE_WORD, RULE_SPAN) and finding.end <= phrase_end:
                continue
            if finding.rule not in (RULE_WORD, RULE_SPAN):
                grown.append(finding)
                continue
            first = bisect.bisect_left(starts, finding.start)
            last = bisect.bisect_left(starts, finding.end) - 1
            phrase = self._phrase_around(text, tokens, first, last)
            if phrase is None:
                grown.append(finding)
                continue
            start, end = phrase
            phrase_end = end
            while grown and grown[-1].end > start and grown[-1].rule in (RULE_WORD, RULE_SPAN):
                grown.pop()
            words = text[start:end]
            grown.append(
                Finding(
                    start,
                    end,
                    words,
                    RULE_SPAN,
                    finding.confidence,
                    "English expression",
                    evidence=f"'{' '.join(words.split())}' is an English expression; "
                    f"{finding.evidence}",
                )
            )
        return grown

    def _known_phrase(self, phrase: str) -> bool:
        """An English expression of the anglicism list or the dictionary (cached: a
        document repeats its intrusions, and each is looked up in several windows)."""
        known = self._phrases.get(phrase)
        if known is None:
            lexicon = self.lexicon
            known = phrase in lexicon.anglicisms or bool(lexicon.dictionary.get(phrase))
            if len(self._phrases) < PHRASE_CACHE_SIZE:
                self._phrases[phrase] = known
        return known

    def _phrase_around(
        self, text: str, tokens: Sequence[Token], first: int, last: int
    ) -> tuple[int, int] | None:
        """The longest known English expression made of tokens ``first..last`` and up to
        two neighbours on each side, joined by single spaces within one sentence."""
        if first < 0 or last < first or last >= len(tokens):
            return None
        words = self.lexicon.phrase_words
        if any(tokens[index].lower not in words for index in range(first, last + 1)):
            return None
        before_most = 0  # neighbours that may belong to an expression
        while before_most < 2 and first - before_most > 0:
            if tokens[first - before_most - 1].lower not in words:
                break
            before_most += 1
        after_most = 0
        while after_most < 2 and last + after_most + 1 < len(tokens):
            if tokens[last + after_most + 1].lower not in words:
                break
            after_most += 1
        best: tuple[int, int] | None = None
        for before in range(0, before_most + 1):
            for after in range(0, after_most + 1):
                low, high = first - before, last + after
                if before == after == 0:
                    continue
                if high - low + 1 > PHRASE_MAX_WORDS:
                    continue
                window = tokens[low : high + 1]
                if any(t.sentence_start for t in window[1:]) or window[0].elided:
                    continue
                if any(
                    text[a.end : b.start] not in (" ", "\u00a0")
                    for a, b in itertools.pairwise(window)
                ):
                    continue
                if self._known_phrase(" ".join(t.lower for t in window)):
                    span = (window[0].start, window[-1].end)
                    if best is None or span[1] - span[0] > best[1] - best[0]:
                        best = span
        return best

    def _headings(self, text: str, verdicts: list[WordVerdict], lines: Sequence[tuple[int, int]]):
        """English headings: one finding per heading whose words are mostly English."""
        findings: list[Finding] = []
        if not lines:
            return findings, lambda token: False
        verdicts = sorted(verdicts, key=lambda v: v.token.start)
        starts = [v.token.start for v in verdicts]
        for start, end in lines:
            first_at = bisect.bisect_left(starts, start)
            last_at = bisect.bisect_left(starts, end, first_at)
            inside = [v for v in verdicts[first_at:last_at] if len(v.token.text) > 1]
            english = [v for v in inside if _englishness(v) > 0]
            words = words_in(text[start:end])
            if len(english) < HEADING_MIN_ENGLISH or 3 * len(english) < 2 * words:
                continue
            findings.append(
                Finding(
                    start=start,
                    end=end,
                    text=text[start:end],
                    rule=RULE_TITLE,
                    confidence=round(min(0.95, 0.5 + len(english) / words / 2), 2),
                    message="English heading: translate it",
                    evidence=f"{len(english)} of {words} words English",
                )
            )
        cover = Cover([(f.start, f.end) for f in findings])
        return findings, lambda token: token.start in cover

    def _quotations(self, text: str, verdicts: list[WordVerdict], quotes):
        """English quotations: a title in title case, otherwise a span."""
        findings: list[Finding] = []
        spans: list[tuple[int, int]] = []
        starts = [v.token.start for v in verdicts]
        ordered = all(a <= b for a, b in itertools.pairwise(starts))
        for start, end in quotes:
            if ordered:
                first_at = bisect.bisect_left(starts, start)
                last_at = bisect.bisect_left(starts, end, first_at)
                inside = [v for v in verdicts[first_at:last_at] if v.token.end <= end]
            else:
                inside = [v for v in verdicts if start <= v.token.start and v.token.end <= end]
            words = [v for v in inside if len(v.token.text) > 1]
            if inside and len(words) <= MENTION_MAX_WORDS:
                spans.append((inside[0].token.start, inside[-1].token.end))
                continue
            english = [v for v in words if _englishness(v) > 0]
            french = [v for v in words if _englishness(v) < 0]
            if len(english) < 2 or len(english) < 2 * len(french):
                continue
            first, last = inside[0].token, inside[-1].token
            if _in_parentheses(text, start) or spells_out_acronym(text, first.start, last.end):
                spans.append((first.start, last.end))  # a name: no finding, nor for its words
                continue
            long_words = [v for v in words if len(v.token.text) > 3]
            capitalised = sum(v.token.text[0].isupper() for v in long_words)
            is_title = capitalised * 2 >= len(long_words)
            share = len(english) / len(words)
            findings.append(
                Finding(
                    start=first.start,
                    end=last.end,
                    text=text[first.start : last.end],
                    rule=RULE_TITLE if is_title else RULE_SPAN,
                    confidence=round(0.45 if is_title else min(0.95, 0.5 + share / 2), 2),
                    message=(
                        "English title: translate it, unless it is the work's own title"
                        if is_title
                        else "English quotation"
                    ),
                    evidence=f"{len(english)} of {len(words)} words English",
                )
            )
            spans.append((first.start, last.end))

        cover = Cover(spans)

        def covered(token: Token) -> bool:
            return token.start in cover

        return findings, covered

    def _runs(self, text: str, verdicts: list[WordVerdict]) -> list[Finding]:
        findings = []
        run: list[WordVerdict] = []
        for verdict in [*verdicts, None]:
            joined = (
                verdict is not None
                and verdict.kind >= Kind.WEAK
                and run
                and set(text[run[-1].token.end : verdict.token.start]) <= RUN_JOINERS
            )
            if joined:
                run.append(verdict)
                continue
            if run:
                finding = self._run_finding(text, run)
                if finding:
                    findings.append(finding)
            run = [verdict] if verdict is not None and verdict.kind >= Kind.WEAK else []
        return findings

    def _run_finding(self, text: str, run: list[WordVerdict]) -> Finding | None:
        strong = [v for v in run if v.kind == Kind.STRONG]
        leads = [v.lead for v in run]
        if not strong:
            if len(run) < 2 or max(leads) < RUN_MAX_LEAD or sum(leads) / len(leads) < RUN_MEAN_LEAD:
                return None
        else:
            # Keep weak neighbours only when they lean English themselves.
            first = run.index(strong[0])
            last = run.index(strong[-1])
            while first > 0 and run[first - 1].lead >= EDGE_LEAD:
                first -= 1
            while last + 1 < len(run) and run[last + 1].lead >= EDGE_LEAD:
                last += 1
            run = run[first : last + 1]
        start, end = run[0].token.start, run[-1].token.end
        best = max(run, key=lambda v: v.lead)
        confidence = _confidence(best, len(run))
        if len(run) == 1:
            return Finding(
                start,
                end,
                text[start:end],
                RULE_WORD,
                confidence,
                "English word",
                evidence=_evidence(best),
            )
        return Finding(
            start,
            end,
            text[start:end],
            RULE_SPAN,
            confidence,
            "English phrase",
            evidence=f"{len(run)} English words; strongest: {_evidence(best)}",
        )


SENTENCE_ENDS = frozenset(".!?…")
LETTERS_RE = re.compile(r"[^\W\d_]+")
ADVERB_STEM_MIN_ENGLISH = 3.0
# An aside opening with one of these refers the reader elsewhere; it glosses nothing.
CROSS_REFERENCES = frozenset(("voir", "voyez", "consultez", "cf", "lire", "lisez"))
GLOSS_MAX_WORDS = 3  # ``(entier non signé)``; a longer aside says more than a gloss
SHORT_OPTION_RE = re.compile(r"-[^\W\d_]")
# A translation more common than this (``faire``, ``bien``) is in any French text.
TELLING_TRANSLATION_ZIPF = 5.0
TRANSLATION_MIN_USES = 2


# French prose "uses" a word it holds this many times (collocations.tsv counts the
# vocabulary a suggester may propose however rare, other words from 3 uses).
BORROWING_MIN_PROSE_USES = 1
FRENCH_SINGULAR_MAX_LEAD = 0.5
UNUSED_IN_FRENCH_NOTE = "never in the French prose of the collocation counts, used once here"
# Words this short are commands and abbreviations more often (``cat``, ``rm``, ``tty``).
SHORT_NAME_MAX_LETTERS = 3

# A weak word this common in French (``but``, ``support``) is French where it stands.
UNTRANSLATED_MAX_FRENCH_ZIPF = 4.0


class WordCounts:
    """How often the document writes a word (any case), counted on demand: the few
    words asked about, not every word of the document."""

    def __init__(self, text: str) -> None:
        self._text = text.lower()
        self._counts: dict[str, int] = {}

    def count(self, word: str) -> int:
        known = self._counts.get(word)
        if known is None:
            known = 0
            text, size = self._text, len(word)
            at = text.find(word)
            while at >= 0:
                end = at + size
                if not (at and text[at - 1].isalpha()) and not text[end : end + 1].isalpha():
                    known += 1
                at = text.find(word, end)
            self._counts[word] = known
        return known


def _expression_at(
    text: str,
    verdicts: list[WordVerdict],
    index: int,
    expressions: tuple[frozenset[str], frozenset[tuple[str, ...]]],
) -> int:
    """How many words of the longest expression starting at ``verdicts[index]``: words
    joined by single spaces within one sentence, none a name written with a capital in
    mid-sentence (``Even If`` in a title)."""
    first_words, phrases = expressions
    first = verdicts[index].token
    if first.lower not in first_words or first.elided:
        return 0
    if first.text[:1].isupper() and not (first.sentence_start or first.quote_start):
        return 0
    best = 0
    words = [first.lower]
    for at in range(index + 1, min(index + PHRASE_MAX_WORDS, len(verdicts))):
        previous, token = verdicts[at - 1].token, verdicts[at].token
        if token.sentence_start or text[previous.end : token.start] not in (" ", "\u00a0"):
            break
        if token.text[:1].isupper():
            break
        words.append(token.lower)
        if tuple(words) in phrases:
            best = len(words)
    return best


def _among_french(verdicts: list[WordVerdict], index: int) -> bool:
    """Whether the words on either side (when the sentence has one) are French: ``make
    check`` is a command line, ``le process de`` a French sentence."""
    token = verdicts[index].token
    if index > 0 and not token.sentence_start and verdicts[index - 1].kind != Kind.FRENCH:
        return False
    if index + 1 < len(verdicts):
        following = verdicts[index + 1]
        if not following.token.sentence_start and following.kind != Kind.FRENCH:
            return False
    return True


def _may_be_untranslated(verdict: WordVerdict) -> bool:
    return (
        verdict.kind == Kind.WEAK
        and verdict.lead >= STRONG_LEAD
        and verdict.info.fr < UNTRANSLATED_MAX_FRENCH_ZIPF
    )


def _after_sentence_ends(text: str, tokens: Sequence[Token]) -> Sequence[Token]:
    """Capitalised words after a sentence ending in a number or a parenthesis
    (``telle que 1024. Moreover, l’unité``, ``mount(2)). However``) open a sentence:
    the tokenizer looks for the full stop right after the previous word only."""
    changed: list[Token] | None = None
    for index, token in enumerate(tokens):
        if token.sentence_start or not token.text[:1].isupper() or token.elided:
            continue
        before = text[max(0, token.start - 4) : token.start].rstrip(" \u00a0")
        if len(before) < 2 or before[-1] not in SENTENCE_ENDS:
            continue
        if not (before[-2].isdigit() or before[-2] in ")]"):
            continue
        if changed is None:
            changed = list(tokens)
        changed[index] = replace(token, sentence_start=True)
    return tokens if changed is None else changed


def _identifier_parts(text: str, verdicts: list[WordVerdict]) -> list[WordVerdict]:
    """Letters glued to digits are part of an identifier (``arm64``,
    ``Bitmap2component``), and so is every word hyphenated to one (``python3-requests``,
    ``libgtk2-dev``) and a hidden file's name (``.listing``): never a word of their own."""
    result = []
    for verdict in verdicts:
        token = verdict.token
        glued = (token.start > 0 and text[token.start - 1].isdigit()) or (
            token.end < len(text) and text[token.end].isdigit()
        )
        if not glued and token.start > 0 and text[token.start - 1] == ".":
            # ``.listing``, ``.bashrc``: a hidden file's name.
            glued = token.start == 1 or text[token.start - 2] in DOTFILE_OPENERS
        if not glued and "-" in text[max(0, token.start - 1) : token.end + 1]:
            glued = _in_identifier(text, token.start, token.end)
        result.append(replace(verdict, kind=Kind.NEUTRAL) if glued else verdict)
    return result


DOTFILE_OPENERS = frozenset(" \t\n\u00a0(«“\"'/")
IDENTIFIER_MAX_CHARS = 64  # looked at on each side: a hyphenated run may be any length
_IDENTIFIER_CHUNK_RE = re.compile(r"[\w+-]*")
_LETTER_DIGIT_RE = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Whether the hyphenated chunk around ``text[start:end]`` holds letters glued to
    digits (``python3-requests``; not ``covid-19`` nor ``2000-2010``)."""
    left, limit = start, max(0, start - IDENTIFIER_MAX_CHARS)
    while left > limit and (text[left - 1].isalnum() or text[left - 1] in "-+_"):
        left -= 1
    chunk = _IDENTIFIER_CHUNK_RE.match(text, left, end + IDENTIFIER_MAX_CHARS).group()
    return _LETTER_DIGIT_RE.search(chunk) is not None


@functools.lru_cache(maxsize=16)
def detector_for(lexicon: Lexicon, allow: frozenset[str] = frozenset()) -> Detector:
    """One detector (and its cache of word forms) per lexicon and allow list, per process."""
    return Detector(lexicon, allow)


def _introduced_names(
    text: str,
    verdicts: list[WordVerdict],
    introducers: frozenset[str],
    connectives: Container[str] = frozenset(),
    qualifies: Callable[[str, WordVerdict], bool] = lambda introducer, verdict: False,
) -> list[WordVerdict]:
    """``la commande find``, ``mount --bind``: a word introduced as a name or standing
    beside an option or a path is a name; not a word that ``qualifies`` its introducer
    (``le fichier unusual``, ``le répertoire ancestor``: a spinner's ``parent``), nor
    the noun of a French ``de`` phrase naming the identifier after it (``l’option de
    weather CONFIG_X``), nor the unit a number counts (``2^16 ounces``)."""
    result = []
    for index, verdict in enumerate(verdicts):
        if verdict.kind >= Kind.WEAK:
            introducer = _introducer(verdicts, index, introducers)
            # Only a word right after its noun may qualify it (``la commande interne
            # read`` names a builtin).
            right_after = index > 0 and verdicts[index - 1].token.lower == introducer
            named = (bool(introducer) and not (right_after and qualifies(introducer, verdict))) or (
                _beside_code(text, verdict.token)
                and not _after_determiner(verdicts, index)
                and verdict.token.lower not in connectives
                and not (
                    verdict.kind == Kind.STRONG
                    and (
                        _noun_of_de_phrase(text, verdicts, index)
                        or _counts_units(text, verdict.token)
                    )
                )
            )
            if named:
                verdict = replace(verdict, kind=Kind.NEUTRAL)
        result.append(verdict)
    return result


def _reads_as_adjective(verdict: WordVerdict) -> bool:
    """An English word with an English adjective's ending (``unusual``, ``gracious``,
    ``decisive``, ``dominant``, ``convenient``, ``elastic``, ``shortest``,
    ``planetary``); a short or hyphenated word is a command's name more often
    (``keep-alive``), and so is a word with a French accented spelling (``declare``,
    ``complete``: the shell's builtins)."""
    word = verdict.token.lower
    if "-" in word or len(word) < ADJECTIVE_MIN_LETTERS:
        return False
    return word.endswith(ADJECTIVE_ENDINGS)


ADJECTIVE_ENDINGS = ("ous", "al", "ive", "ant", "ient", "lent", "ic", "est", "ary")
ADJECTIVE_MIN_LETTERS = 6


def _noun_of_de_phrase(text: str, verdicts: list[WordVerdict], index: int) -> bool:
    """Whether the word ends a run of English words right after ``de`` and stands before
    an identifier that is neither an option, a path nor a manual page (``l’option de
    weather CONFIG_X``, ``la structure de shipping sockaddr_in``):
    the French phrase's noun, the identifier's kind; a name there follows the
    identifier's kind instead (``l’option de socket IP_MTU``, a weak word, stays)."""
    after = text[verdicts[index].token.end : verdicts[index].token.end + 70].lstrip(" \t")
    if not after or after[:1] in CODE_STARTS or MANUAL_REFERENCE_RE.match(after):
        return False
    at = index
    while at > 0:
        token, previous = verdicts[at].token, verdicts[at - 1].token
        if token.sentence_start or text[previous.end : token.start] != " ":
            return False
        if token.elided:
            return token.elided.lower() in ("d'", "d’")
        if previous.lower == "de":
            return True
        if verdicts[at - 1].kind < Kind.WEAK:
            return False
        at -= 1
    return False


def _beside_code(text: str, token: Token) -> bool:
    """Beside an option or a path of its own sentence: a path ending the sentence before
    (``dans /usr/etc. However, les``) says nothing of the word opening the next."""
    if not token.beside_code:
        return False
    if not token.sentence_start:
        return True
    after = text[token.end : token.end + 70].lstrip(" \t")
    return after[:1] in CODE_STARTS or MANUAL_REFERENCE_RE.match(after) is not None


CODE_STARTS = frozenset("-/~$=<\\")


# Words after which a clause opens (``si find renvoie``, ``, read s'arrête``).
CLAUSE_OPENERS = frozenset(
    (
        "si",
        "que",
        "qu",
        "quand",
        "lorsque",
        "lorsqu",
        "alors",
        "et",
        "ou",
        "mais",
        "puis",
        "car",
        "donc",
    )
)
# Finite forms of the auxiliary and modal verbs, homographs of nouns (``est``, ``fait``)
# or too common for the general test.
AUXILIARY_FORMS = frozenset(
    (
        "est",
        "sont",
        "a",
        "ont",
        "peut",
        "peuvent",
        "doit",
        "doivent",
        "va",
        "vont",
        "sera",
        "seront",
        "soit",
        "fait",
        "font",
        "était",
        "ne",
        "se",
    )
)
VERB_CLITICS = frozenset(("n'", "n’", "s'", "s’"))
OBJECT_PRONOUNS = frozenset(("le", "la", "les", "lui", "leur", "y", "en"))
FINITE_VERB_ENDINGS = ("e", "t", "d", "a")  # third person: ``termine``, ``finit``, ``attend``
# Participles (``pouvant``, ``appelée``), adverbs (``uniquement``), adjectives (``capable``).
NON_FINITE_ENDINGS = ("ant", "ée", "ment", "ble")


def _bare_subject(
    text: str, verdicts: list[WordVerdict], index: int, info: Callable[[str], WordInfo]
) -> bool:
    """A word opening a clause with no determiner, followed by a French verb, is the
    verb's subject: a name, since a French common noun takes a determiner (``si find
    renvoie``, ``echo n'interprète pas``, ``, read s'arrête``)."""
    if index + 1 >= len(verdicts):
        return False
    token, following = verdicts[index].token, verdicts[index + 1]
    gap = text[token.end : following.token.start]
    if following.token.sentence_start or gap != " " + following.token.elided:
        return False
    if not _opens_clause(text, verdicts, index):
        return False
    if following.token.lower in OBJECT_PRONOUNS and not following.token.elided:
        # ``find le traiterait``: the verb comes after its object pronoun.
        after = LETTERS_RE.match(text, following.token.end + 1)
        if after is None or text[following.token.end] != " ":
            return False
        word = after.group().lower()
        return _finite_form(word, info(word))
    return _reads_as_verb(following)


def _opens_clause(text: str, verdicts: list[WordVerdict], index: int) -> bool:
    token = verdicts[index].token
    if token.elided:
        return False
    if token.sentence_start:
        return True
    if index == 0:
        return False
    previous = verdicts[index - 1].token
    between = text[previous.end : token.start]
    if any(mark in between for mark in ",;:"):
        return True
    return between.strip() == "" and previous.lower in CLAUSE_OPENERS


def _reads_as_verb(verdict: WordVerdict) -> bool:
    """A finite French verb: a clitic (``n'interprète``, ``s'arrête``), an auxiliary, or a
    French form that is no noun nor infinitive ending like a third person (``renvoie``,
    ``finit``, ``attend``)."""
    token, info = verdict.token, verdict.info
    word = token.lower
    if token.elided:  # ``s'il`` is ``si il``
        return token.elided.lower() in VERB_CLITICS and word not in ("il", "ils")
    if word in AUXILIARY_FORMS:
        return True
    return verdict.kind == Kind.FRENCH and _finite_form(word, info)


def _finite_form(word: str, info: WordInfo) -> bool:
    """A French form that is no noun nor infinitive and ends like a third person."""
    return (
        info.in_lexicon
        and not info.genders
        and not info.infinitive
        and info.fr < FRENCH_FUNCTION_ZIPF
        and info.english_lead < 0
        and word.endswith(FINITE_VERB_ENDINGS)
        and not word.endswith(NON_FINITE_ENDINGS)
    )


def _introducer(verdicts: list[WordVerdict], index: int, introducers: frozenset[str]) -> str:
    """The noun that introduces the word as a name: ``la commande find``, or with a
    qualifier between: ``la commande interne read``; never across a sentence boundary
    (``à la valeur 1. Because cette``). Empty when none does."""
    token = verdicts[index].token
    if token.sentence_start and not (token.in_quotes or token.quote_start):
        return ""
    if index >= 1 and verdicts[index - 1].token.lower in introducers:
        return verdicts[index - 1].token.lower
    if (
        index >= 2
        and verdicts[index - 2].token.lower in introducers
        and verdicts[index - 1].token.lower in INTRODUCER_QUALIFIERS
    ):
        return verdicts[index - 2].token.lower
    return ""


def _named_everywhere(
    before: list[WordVerdict], after: list[WordVerdict], glossed: frozenset[int] = frozenset()
) -> list[WordVerdict]:
    """A word the document uses once as a name (quoted, glossed, listed with other
    names, beside an option) is that name wherever it appears in the document; not
    when a determiner makes the word beside an option or before an aside a common noun
    (``la ability CAP_NET_RAW``, ``la order rm(1)``, ``le subway (voir ci-dessus)``), nor
    where a determiner makes the other use one (``le broadcast par défaut``)."""
    names = {
        old.token.lower
        for index, (old, new) in enumerate(zip(before, after, strict=False))
        if old.kind == Kind.STRONG
        and new.kind == Kind.NEUTRAL
        and not (
            (old.token.beside_code or old.token.start in glossed)
            and _after_determiner(before, index)
        )
    }
    return [
        replace(v, kind=Kind.NEUTRAL)
        if v.kind == Kind.STRONG and v.token.lower in names and not _after_determiner(after, index)
        else v
        for index, v in enumerate(after)
    ]


def _after_determiner(verdicts: list[WordVerdict], index: int) -> bool:
    token = verdicts[index].token
    if token.sentence_start or token.quote_start:
        return False
    if token.elided[:1].lower() == "l":
        return True
    return index > 0 and verdicts[index - 1].token.lower in DETERMINERS


# ``flock(2)``, ``getpwnam(3)``: the document names a command or a function by its manual
# page; every other use of that word in it is the same name.
MANUAL_REFERENCE_RE = re.compile(r"(?<![\w-])([^\W\d_][\w-]{0,63})\(\d\w{0,5}\)")


# What every manual page reference holds: the references are looked for only in the
# few characters before and after each (no two references overlap, so the scan of these
# windows finds those of the whole text).
MANUAL_REFERENCE_TRIGGER_RE = re.compile(r"\(\d")


def manual_page_names(text: str) -> set[str]:
    """The lower-case names ``text`` refers to by manual page (``flock(2)``)."""
    names = set()
    for trigger in MANUAL_REFERENCE_TRIGGER_RE.finditer(text):
        at = trigger.start()  # the name ends here: 64 characters at most; the section, 8
        window = MANUAL_REFERENCE_RE.finditer(text, max(0, at - 64), at + 8)
        names.update(m.group(1).lower() for m in window)
    return names


def _manual_pages_named(text: str, verdicts: list[WordVerdict]) -> list[WordVerdict]:
    names = manual_page_names(text)
    if not names:
        return verdicts
    return [
        replace(v, kind=Kind.NEUTRAL) if v.kind >= Kind.WEAK and v.token.lower in names else v
        for v in verdicts
    ]


def _glossed_terms(
    text: str,
    verdicts: list[WordVerdict],
    asides: Sequence[tuple[int, int]],
    may_gloss: Callable[[str, int, int], bool],
) -> tuple[list[WordVerdict], frozenset[int]]:
    """English inside a short aside (``(NDT : leaf)``) or glossed by one
    (``never (jamais)``) is quoted on purpose; a word glossed by a short English aside
    (``un subway (pipeline)``) is the French side of a gloss, and English if it looks it.
    An aside that ``may_gloss`` rejects (``(2049)``, ``(UTF-8)``) glosses nothing, and a
    word after a determiner (``la bumper (un numéro)``) is a noun of the sentence, not a
    term glossed. Also the starts of the words glossed."""
    short = [(a, b) for a, b in asides if len(text[a:b].split()) <= MENTION_MAX_WORDS + 1]
    in_short = Cover(short)
    ordered = sorted(short)
    starts = [a for a, _ in ordered]
    english_openings = set()
    for verdict in verdicts:
        if verdict.kind >= Kind.WEAK:
            at = bisect.bisect_right(starts, verdict.token.start) - 1
            if at >= 0 and verdict.token.end <= ordered[at][1]:
                english_openings.add(ordered[at][0] - 1)
    opening = {a - 1 for a, b in asides if may_gloss(text, a, b)} - english_openings
    result = []
    glossed = set()
    for index, verdict in enumerate(verdicts):
        if verdict.kind >= Kind.WEAK:
            token = verdict.token
            after = (
                token.end
                + len(text[token.end : token.end + 3])
                - len(text[token.end : token.end + 3].lstrip(" "))
            )
            if after in opening and _after_determiner(verdicts, index):
                after = -1
            if after in opening:
                glossed.add(token.start)
            in_aside = (
                token.start in in_short
                and not _after_determiner(verdicts, index)
                and not _after_french_word(text, verdicts, index)
                and not (verdict.kind == Kind.STRONG and _in_french_phrase(text, verdicts, index))
            )
            if in_aside or after in opening:
                verdict = replace(verdict, kind=Kind.NEUTRAL)
        result.append(verdict)
    return result, frozenset(glossed)


def _after_french_word(text: str, verdicts: list[WordVerdict], index: int) -> bool:
    """Whether the word follows a French word of its own aside (``(2 par shortage)``,
    ``(erreurs de teaching)``): part of a French phrase, not an English term quoted."""
    if index == 0:
        return False
    previous, token = verdicts[index - 1], verdicts[index].token
    between = text[previous.token.end : token.start]
    return (
        previous.kind == Kind.FRENCH
        and not token.sentence_start
        and "(" not in between
        and ")" not in between
        and between.strip(" \u00a0") == ""
    )


def _in_french_phrase(text: str, verdicts: list[WordVerdict], index: int) -> bool:
    """Whether the word of an aside counts a number's units (``(de 16 pounds)``) or
    goes on with a French word of its aside (``(writing et lecture)``): a French
    phrase's word, not an English term quoted; the French word is one English does not
    share."""
    token = verdicts[index].token
    if len(token.lower) <= SHORT_NAME_MAX_LETTERS:
        return False  # ``(tty en bref)``
    if _counts_units(text, token):
        return True
    if index + 1 >= len(verdicts):
        return False
    following = verdicts[index + 1]
    return (
        following.kind == Kind.FRENCH
        and following.lead <= -STRONG_LEAD  # not ``(pre version 0.9.6)``
        and not following.token.sentence_start
        and not following.token.elided
        and text[token.end : following.token.start] == " "
    )


def _counts_units(text: str, token: Token) -> bool:
    """Whether the word follows a number, the unit it counts (``de 16 pounds``,
    ``2^16 ounces``): a French phrase's noun, whatever code stands beside it."""
    return (
        not token.elided
        and len(token.lower) > SHORT_NAME_MAX_LETTERS
        and NUMBER_BEFORE_RE.search(text, max(0, token.start - 16), token.start) is not None
    )


NUMBER_BEFORE_RE = re.compile(r"(?<![\w.,-])\d+ $")


def _in_parentheses(text: str, inside_start: int) -> bool:
    """Whether the quotation whose inside starts at ``inside_start`` opens right after a
    parenthesis: ``Traitement de texte (« Word Processing Using LaTeX »)`` gives the
    original name beside its translation."""
    return text[max(0, inside_start - 3) : inside_start - 1].rstrip(" \u00a0\u202f").endswith("(")


def _names_in_lists(text: str, verdicts: list[WordVerdict]) -> list[WordVerdict]:
    """English words that look like a list of names are names, not intrusions in a
    French sentence: two or more joined by ``ou``/``et`` or a slash, with any members
    before them after commas (``always, never ou auto``; ``yes/no``), or three or more
    foreign words joined by commas alone (``exit, logout, return``), or two when one
    is written as a name (``UNIX, most``). Two plain words on either side of a bare
    comma are a sentence's words (``Cette aid, however, arrive``).
    """
    result = list(verdicts)
    index = 0
    while index < len(verdicts):
        chain, separators = [index], []
        while (step := _next_member(text, verdicts, chain[-1])) is not None:
            chain.append(step[0])
            separators.append(step[1])
        if len(chain) == 1:  # a word alone is no list
            index += 1
            continue
        foreign = sum(_non_french(verdicts[member]) for member in chain)
        conjoined = bool(separators) and separators[-1] != ","
        # ``However, UDP peut``: a sentence's first word and a comma open a clause.
        marked = any(_marked_as_name(verdicts[member].token) for member in chain) and not (
            len(chain) == 2 and verdicts[chain[0]].token.sentence_start
        )
        if (conjoined and foreign >= 2) or (
            foreign == len(chain) and (len(chain) >= 3 or (len(chain) == 2 and marked))
        ):
            for member in chain:
                if result[member].kind == Kind.STRONG:
                    result[member] = replace(result[member], kind=Kind.NEUTRAL)
        index = chain[-1] + 1
    return result


def _marked_as_name(token: Token) -> bool:
    """Written as a name: capitals in mid-sentence (``UNIX, most``), quoted, or beside
    an option or a path."""
    capital = any(c.isupper() for c in token.text) and not token.sentence_start
    return capital or token.in_quotes or token.beside_code


def _next_member(text: str, verdicts: list[WordVerdict], index: int) -> tuple[int, str] | None:
    """The list member after ``verdicts[index]`` and the separator before it (``,``,
    ``/``, or a conjunction word, itself not a member)."""
    if index + 1 >= len(verdicts):
        return None
    current, following = verdicts[index], verdicts[index + 1]
    between = text[current.token.end : following.token.start].strip()
    if between in ("", ",") and following.token.lower in LIST_CONJUNCTIONS:
        if index + 2 < len(verdicts):
            after = verdicts[index + 2].token
            if not text[following.token.end : after.start].strip():
                return index + 2, following.token.lower
        return None
    if between in LIST_SEPARATORS:
        return index + 1, between
    return None


def _non_french(verdict: WordVerdict) -> bool:
    info = verdict.info
    return (
        verdict.kind >= Kind.WEAK
        or (not info.in_lexicon and info.english_lead > 0)
        or (info.fr == 0 and info.en == 0 and not info.in_lexicon)
    )


def _englishness(verdict: WordVerdict) -> float:
    if verdict.kind == Kind.NEUTRAL and verdict.info.en == 0:
        return 0.0
    lead = verdict.lead
    if lead >= 0.5:
        return 1.0
    if lead <= -0.5 or (verdict.info.in_lexicon and lead < 0.3):
        return -1.0
    return 0.0


def _confidence(verdict: WordVerdict, run_length: int) -> float:
    info = verdict.info
    score = 0.45 + 0.15 * min(info.english_lead, 3.0)
    if not info.in_lexicon:
        score += 0.1
    if verdict.accented:
        score += 0.1
    score += 0.05 * (run_length - 1)
    return round(max(0.05, min(0.99, score)), 2)


def _evidence(verdict: WordVerdict) -> str:
    """``'viewpoint': 200x as frequent in English as in French (Zipf en 3.6, fr 1.3),
    not in the French lexicon``."""
    info = verdict.info
    word = verdict.token.text
    ratio = 10 ** (info.en - info.fr)
    times = f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x"
    parts = [
        f"'{word}': {times} as frequent in English as in French "
        f"(Zipf en {info.en:.1f}, fr {info.fr:.1f})"
    ]
    parts.append("in the French lexicon" if info.in_lexicon else "not in the French lexicon")
    if verdict.accented:
        parts.append(f"French spells it '{verdict.accented}'")
    if verdict.note:
        parts.append(verdict.note)
    return ", ".join(parts)
