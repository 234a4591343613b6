"""``mtfix fix --interactive``: review each finding, pick a candidate, undo, write."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.prompt import Prompt
from rich.text import Text

from .fix import GenderOf, apostrophe_style, lexicon_gender
from .models import Finding, Fix
from .planning import Planned, plan_fix

Ask = Callable[[str], str]
KEYS = (
    "number accept · e edit · s skip · a skip all · u undo · w write this file and go on"
    " · q quit (this file unwritten)"
)
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")


@dataclass
class _Decision:
    index: int
    fix: Fix | None
    word: str | None = None  # set by ``a``: the word skipped from now on
    auto: bool = False  # skipped without asking (word skipped earlier, or overlapping)


@dataclass
class Review:
    """What the user chose: the fixes to apply, and whether to write them."""

    fixes: list[Fix] = field(default_factory=list)
    write: bool = False
    skipped: int = 0
    stop: bool = False  # ``q`` or the end of the answers: leave the whole run


def rich_ask(console: Console) -> Ask:
    def ask(prompt: str) -> str:
        return Prompt.ask(prompt, console=console)

    return ask


def sentence(text: str, finding: Finding, limit: int = 240) -> Text:
    """The sentence around the finding, with the finding highlighted."""
    begin = max(0, finding.start - limit)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, begin, finding.start)]
    begin = starts[-1] if starts else begin
    after = _SENTENCE_END.search(text, finding.end, min(len(text), finding.end + limit))
    end = after.end() if after else min(len(text), finding.end + limit)
    line = Text(text[begin : finding.start].lstrip())
    line.append(text[finding.start : finding.end], style="bold reverse")
    line.append(text[finding.end : end].rstrip())
    return line


def _candidates(text: str, finding: Finding, mark: str, gender_of: GenderOf) -> list[Fix]:
    fixes = []
    for suggestion in finding.suggestions:
        planned = plan_fix(text, finding, suggestion.replacement, mark, gender_of)
        if planned.fix is not None:
            fixes.append(planned.fix)
    return fixes


def _overlaps(fix: Fix, taken: Sequence[Fix]) -> bool:
    return any(fix.start < other.end and other.start < fix.end for other in taken)


def review(
    console: Console,
    location: Callable[[Finding], str],
    text: str,
    planned: Sequence[Planned],
    ask: Ask,
    gender_of: GenderOf = lexicon_gender,
) -> Review:
    mark = apostrophe_style(text)
    findings = [p.finding for p in planned]
    stack: list[_Decision] = []
    taken: list[Fix] = []  # the fixes accepted on the stack, kept as it changes
    skipped_words: set[str] = set()
    index = 0
    while index < len(findings):
        finding = findings[index]
        if finding.text.lower() in skipped_words:
            stack.append(_Decision(index, None, auto=True))
            index += 1
            continue
        candidates = _candidates(text, finding, mark, gender_of)
        if candidates and all(_overlaps(c, taken) for c in candidates):
            stack.append(_Decision(index, None, auto=True))
            index += 1
            continue
        console.print()
        console.print(
            Text(f"{location(finding)}: {finding.rule} ", style="bold").append(
                finding.message, style="dim"
            )
        )
        console.print(sentence(text, finding))
        for number, fix in enumerate(candidates, 1):
            source = finding.suggestions[number - 1]
            shown = " ".join(f"{text[e.start : e.end]!r} → {e.replacement!r}" for e in fix.edits)
            console.print(f"  {number}. {shown}  ({source.source}, {source.score:.2f})")
        if not candidates:
            console.print("  (no suggestion: e to type one)")
        console.print(Text(KEYS, style="dim"))
        try:
            key = ask("choice").strip()
        except EOFError:
            console.print("quit without writing")
            return Review(write=False, stop=True)
        lower = key.lower()
        if key.isdigit() and 1 <= int(key) <= len(candidates):
            stack.append(_Decision(index, candidates[int(key) - 1]))
            taken.append(candidates[int(key) - 1])
            index += 1
        elif lower == "e":
            try:
                typed = ask("replacement").strip()
            except EOFError:
                return Review(write=False, stop=True)
            fix = plan_fix(text, finding, typed, mark, gender_of).fix if typed else None
            if fix is not None and _overlaps(fix, taken):
                console.print("overlaps an accepted change; not taken")
            elif typed:
                stack.append(_Decision(index, fix))
                if fix is not None:
                    taken.append(fix)
                index += 1
        elif lower == "s":
            stack.append(_Decision(index, None))
            index += 1
        elif lower == "a":
            word = finding.text.lower()
            skipped_words.add(word)
            stack.append(_Decision(index, None, word=word))
            index += 1
        elif lower == "u":
            while stack and stack[-1].auto:
                stack.pop()
            if not stack:
                console.print("nothing to undo")
                index = 0
                continue
            last = stack.pop()
            if last.word:
                skipped_words.discard(last.word)
            if last.fix is not None:
                taken.pop()
            index = last.index
        elif lower == "w":
            break
        elif lower == "q":
            return Review(write=False, stop=True)
        else:
            console.print(f"unknown choice {key!r}")
    fixes = [d.fix for d in stack if d.fix is not None]
    return Review(fixes, write=True, skipped=len(findings) - len(fixes))
