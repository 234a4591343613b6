"""CI formats: GitHub Actions workflow commands and SARIF 2.1.0 (code scanning)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from . import __version__
from .models import Finding
from .report import FileResult, shown_text, suggestion_text, visible_span
from .rules import RULES, rule, severity_of

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/mtfix/"
NOTE_BELOW = 0.5  # findings less confident than this are SARIF notes, not warnings


# --- GitHub Actions ------------------------------------------------------------------


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_lines(result: FileResult) -> list[str]:
    """``::error file=…,line=…,col=…,endColumn=…,title=mtfix RULE::message`` lines, or
    ``::warning`` for a rule of severity warning."""
    path = _escape_property(result.path)
    if result.error is not None:
        return [f"::error file={path},title=mtfix::{_escape_data(result.error)}"]
    lines = []
    for finding in result.findings:
        start, end = visible_span(finding)
        line, column = result.position(start)
        end_line, end_column = result.position(end)
        where = f"file={path},line={line},col={column}"
        if end_line != line:
            where += f",endLine={end_line}"
        where += f",endColumn={end_column}"
        title = _escape_property(f"mtfix {finding.rule}")
        level = severity_of(finding.rule).value  # error or warning
        lines.append(f"::{level} {where},title={title}::{_escape_data(_message(finding))}")
    return lines


def _message(finding: Finding) -> str:
    prefix = "" if finding.text in finding.message else f"'{shown_text(finding)}' "
    return f"{prefix}{finding.message}{suggestion_text(finding)}"


# --- SARIF -------------------------------------------------------------------------


def artifact_uri(path: str) -> str:
    """A relative path stays relative (``/`` separators, percent-encoded); an absolute
    one becomes a ``file://`` URI."""
    if path == "-":
        return "stdin"
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/")


def _region(result: FileResult, start: int, end: int) -> dict:
    line, column = result.position(start)
    end_line, end_column = result.position(end)
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,  # SARIF: the column just past the region
        "charOffset": start,
        "charLength": end - start,
    }


def _result(result: FileResult, finding: Finding, index: int, rule_index: int) -> dict:
    location = {"uri": artifact_uri(result.path), "index": index}
    region = _region(result, finding.start, finding.end)
    sarif: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": "note" if finding.confidence < NOTE_BELOW else severity_of(finding.rule).value,
        "message": {"text": _message(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {**region, "snippet": {"text": finding.text}},
                }
            }
        ],
        "properties": {"confidence": finding.confidence},
    }
    if finding.suggestions:
        sarif["fixes"] = [
            {
                "description": {
                    "text": f"Replace '{finding.text}' with '{s.replacement}' ({s.source})"
                },
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {"deletedRegion": region, "insertedContent": {"text": s.replacement}}
                        ],
                    }
                ],
            }
            for s in finding.suggestions
        ]
    return sarif


def to_sarif(results: Sequence[FileResult]) -> dict:
    """One SARIF 2.1.0 log with one run: rules, artifacts, results, and the files that
    could not be read as tool execution notifications."""
    rule_ids = [r.id for r in RULES]
    for result in results:
        for finding in result.findings:
            if finding.rule not in rule_ids:
                rule_ids.append(finding.rule)
    rules = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": known.summary if known else rule_id},
            "defaultConfiguration": {"level": severity_of(rule_id).value},
        }
        for rule_id in rule_ids
        for known in (rule(rule_id),)
    ]
    artifacts, sarif_results, notifications = [], [], []
    for result in results:
        if result.error is not None:
            location = {"uri": artifact_uri(result.path)}
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": location}}],
                }
            )
            continue
        index = len(artifacts)
        artifacts.append(
            {"location": {"uri": artifact_uri(result.path)}, "encoding": result.encoding}
        )
        for finding in result.findings:
            sarif_results.append(_result(result, finding, index, rule_ids.index(finding.rule)))
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtfix",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "results": sarif_results,
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
            }
        ],
    }
