"""GitHub workflow commands and SARIF 2.1.0 output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mtfix.models import Finding, Suggestion
from mtfix.report import make_result
from mtfix.report_ci import artifact_uri, github_lines, to_sarif

TEXT = "Titre\nUne aid pour la viewpoint, 100% sûr.\n"
AID = Finding(
    10, 13, "aid", "english-word", 0.9, "'aid': English", (Suggestion("aide", 0.8, "cognate"),)
)
SPAN = Finding(20, 29, "viewpoint", "english-span", 0.3, "a, b: c")


def result():
    return make_result("docs/a b.md", TEXT, "utf-8", [AID, SPAN])


def test_github_lines():
    lines = github_lines(result())
    assert lines[0] == (
        "::error file=docs/a b.md,line=2,col=5,endColumn=8,"
        "title=mtfix english-word::'aid': English; French would say 'aide'"
    )
    # Properties escape ':' and ','; the message keeps them; the word is named once.
    assert lines[1] == (
        "::error file=docs/a b.md,line=2,col=15,endColumn=24,"
        "title=mtfix english-span::'viewpoint' a, b: c"
    )


def test_github_escapes_and_errors():
    odd = make_result("a,b:c.md", "x\n", "utf-8", [Finding(0, 1, "x", "r", 1, "50%\nok")])
    assert github_lines(odd) == [
        "::warning file=a%2Cb%3Ac.md,line=1,col=1,endColumn=2,title=mtfix r::'x' 50%25%0Aok"
    ]
    from mtfix.report import FileResult

    assert github_lines(FileResult("gone.md", error="no such file")) == [
        "::error file=gone.md,title=mtfix::no such file"
    ]


def check_sarif(log: dict) -> None:
    """The required fields of SARIF 2.1.0 that code scanning reads."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        rule_ids = [rule["id"] for rule in driver["rules"]]
        assert len(rule_ids) == len(set(rule_ids))
        for rule in driver["rules"]:
            assert rule["shortDescription"]["text"]
        for item in run["results"]:
            assert isinstance(item["message"]["text"], str) and item["message"]["text"]
            assert item["level"] in {"none", "note", "warning", "error"}
            assert rule_ids[item["ruleIndex"]] == item["ruleId"]
            for location in item["locations"]:
                physical = location["physicalLocation"]
                assert physical["artifactLocation"]["uri"]
                region = physical["region"]
                for key in ("startLine", "startColumn", "endColumn"):
                    assert isinstance(region[key], int) and region[key] >= 1
                assert region["charOffset"] >= 0 and region["charLength"] >= 0
            for fix in item.get("fixes", []):
                assert fix["description"]["text"]
                for change in fix["artifactChanges"]:
                    assert change["artifactLocation"]["uri"]
                    for replacement in change["replacements"]:
                        assert replacement["deletedRegion"]["charLength"] >= 0
                        assert isinstance(replacement["insertedContent"]["text"], str)


def test_sarif_structure_regions_and_fixes():
    log = to_sarif([result()])
    check_sarif(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["artifacts"] == [{"location": {"uri": "docs/a%20b.md"}, "encoding": "utf-8"}]
    first, second = run["results"]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 2,
        "startColumn": 5,
        "endLine": 2,
        "endColumn": 8,
        "charOffset": 10,
        "charLength": 3,
        "snippet": {"text": "aid"},
    }
    assert TEXT[region["charOffset"] : region["charOffset"] + region["charLength"]] == "aid"
    (fix,) = first["fixes"]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "aide"}
    assert replacement["deletedRegion"]["charOffset"] == 10
    # English in French is an error; below confidence 0.5 a finding is a note
    assert first["level"] == "error" and second["level"] == "note"
    assert "fixes" not in second
    assert first["properties"]["confidence"] == 0.9


def test_sarif_errors_become_notifications():
    from mtfix.report import FileResult

    log = to_sarif([FileResult("gone.md", error="no such file")])
    check_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "gone.md: no such file"


def test_artifact_uri():
    assert artifact_uri("a/b c.md") == "a/b%20c.md"
    assert artifact_uri("/tmp/x.md") == "file:///tmp/x.md"
    assert artifact_uri("-") == "stdin"


def test_cli_formats(tmp_path: Path):
    article = tmp_path / "a.md"
    article.write_text("# Titre\n\nUne aid pour la viewpoint de ce projet.\n", encoding="utf-8")
    mtfix = str(Path(sys.executable).with_name("mtfix"))
    run = subprocess.run(
        [mtfix, "check", "a.md", "--format", "github"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert run.stdout.startswith(
        "::error file=a.md,line=3,col=5,endColumn=8,title=mtfix english-word::"
    )
    run = subprocess.run(
        [mtfix, "check", "a.md", "--format", "sarif"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    log = json.loads(run.stdout)
    check_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results} == {3}
