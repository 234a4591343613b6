"""The rule registry is the one list of rules: everything else is derived from it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from mtfix.config import RULE_ID_RE, parse_config
from mtfix.models import Document, Severity
from mtfix.pipeline import CheckOptions, check_document, checkers_to_run
from mtfix.report import make_result
from mtfix.report_ci import to_sarif
from mtfix.rules import CHECKERS, RULES, enabled, markdown_table, rule

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "mtfix"


def test_ids_are_unique_and_well_formed():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(RULE_ID_RE.fullmatch(i) for i in ids)


def test_every_checker_rule_is_registered_and_every_rule_has_a_producer():
    produced = {rid for c in CHECKERS for rid in c.rules}
    assert produced <= {r.id for r in RULES}
    checkers = {c.name for c in CHECKERS}
    for known in RULES:
        assert known.checker in checkers | {"suppressions"}, known.id
        if known.checker in checkers:
            assert known.id in next(c for c in CHECKERS if c.name == known.checker).rules


def test_readme_rule_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules-table:[^\n]*-->\n(.*?)<!-- /rules-table -->", readme, re.S)
    assert block, "README.md lost its rules-table markers"
    assert block.group(1) == markdown_table(), "run: mtfix rules --markdown"


def test_sarif_lists_every_rule_with_its_severity():
    sarif = to_sarif([make_result("a.txt", "", "utf-8", [])])
    listed = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in listed] == [r.id for r in RULES]
    for item in listed:
        known = rule(item["id"])
        assert item["shortDescription"]["text"] == known.summary
        assert item["defaultConfiguration"]["level"] == known.severity.value


def test_config_validation_knows_every_registered_rule():
    for known in RULES:
        assert not parse_config({"select": [known.id]}, "x.toml", ".").warnings
    assert parse_config({"select": ["nothing-here"]}, "x.toml", ".").warnings


def test_off_by_default_rules_need_selecting():
    for known in RULES:
        assert enabled(known.id, None) is known.default
        assert enabled(known.id, [known.id])


def test_english_is_an_error_typography_a_warning():
    assert rule("english-word").severity is Severity.ERROR
    assert rule("typography-quotes").severity is Severity.WARNING


def test_only_the_checkers_of_enabled_rules_run():
    typography = CheckOptions(select=frozenset({"typography"}))
    assert [c.name for c in checkers_to_run(typography, False)] == [
        "typography-quotes",
        "typography-spacing",
    ]
    spun_only = CheckOptions(select=frozenset({"spun-french-word"}))
    assert [c.name for c in checkers_to_run(spun_only, False)] == []
    assert [c.name for c in checkers_to_run(spun_only, True)] == ["english", "spun"]


def test_findings_carry_their_fix():
    text = "Une aid pour la viewpoint. Il a dit “bonjour”.\n"
    findings = check_document(Document("a.txt", text), CheckOptions())
    assert findings
    for finding in findings:
        assert finding.fix is not None or finding.fix_reason, finding
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert edit.start <= finding.start and finding.end <= edit.end


def _module_imports(path: Path) -> set[str]:
    """Modules of the package this one imports at import time (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(SOURCE.parent).with_suffix("").parts[:-1]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.If):  # TYPE_CHECKING blocks do not run
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join((*base, node.module)) if node.module else ".".join(base)
            names = [f"{target}.{alias.name}" for alias in node.names]
            found |= {n for n in [target, *names] if _is_module(n)}
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (SOURCE / relative).with_suffix(".py").is_file() or (
        SOURCE / relative / "__init__.py"
    ).is_file()


def test_no_import_cycles_at_import_time():
    graph = {}
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[name] = _module_imports(path)

    def reach(start: str) -> set[str]:
        seen, stack = set(), list(graph.get(start, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(graph.get(node, ()))
        return seen

    cycles = sorted(m for m in graph if m in reach(m) and m != "mtfix")
    assert not cycles, f"modules importing themselves back: {cycles}"
