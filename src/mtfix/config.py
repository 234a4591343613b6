"""Settings from ``.mtfix.toml`` or ``pyproject.toml`` ``[tool.mtfix]``, the nearest one
above each file; command-line options win.

Keys: ``allow`` (words), ``allow-files`` (word-per-line lists, relative to the config
file), ``exclude`` (gitignore-style globs, relative to the config file), ``select``,
``extend-select`` and ``ignore`` (rule ids or prefixes such as ``english``; ``select``
replaces the default rules, ``extend-select`` adds to them), ``min-confidence``,
``per-file-ignores`` (glob → rule ids), ``severity`` (``"error"``: report and fail on
errors only), ``context`` (true: score sentences with a language
model, as ``--context``; read from the config in force for the current folder, since the
model is loaded once per run). Any other key is an error.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from .errors import MtfixError
from .rules import is_known_selector


def _toml() -> ModuleType:
    """The TOML parser, imported when a config file is read (start-up: most runs have none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


CONFIG_FILES = (".mtfix.toml", "pyproject.toml")
KEYS = (
    "allow",
    "allow-files",
    "exclude",
    "select",
    "extend-select",
    "ignore",
    "min-confidence",
    "per-file-ignores",
    "context",
    "severity",
)
RULE_ID_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Config:
    """The settings in force for the files under ``root``."""

    source: str | None = None  # the file they came from; None: defaults
    root: str = "."
    allow: frozenset[str] = frozenset()
    allow_files: tuple[str, ...] = ()  # resolved paths
    exclude: tuple[str, ...] = ()
    select: frozenset[str] | None = None  # None: the rules on by default
    extend_select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    min_confidence: float | None = None
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    context: bool | None = None  # score sentences with a language model (mtfix[context])
    severity: str | None = None  # "error": report (and fail on) errors only
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def words(self) -> frozenset[str]:
        """``allow`` plus the words of every ``allow-files`` list, lower case."""
        words = {w.lower() for w in self.allow}
        for name in self.allow_files:
            words |= _word_file(name)
        return frozenset(words)

    def ignored_for(self, path: str) -> frozenset[str]:
        """``ignore`` plus the ``per-file-ignores`` whose glob matches ``path``."""
        rules = set(self.ignore)
        relative = _relative(path, self.root)
        for pattern, ids in self.per_file_ignores:
            if relative is not None and matches(pattern, relative):
                rules |= ids
        return frozenset(rules)

    def excludes(self, path: str, is_folder: bool = False) -> bool:
        relative = _relative(path, self.root)
        return relative is not None and excluded_by(self.exclude, relative, is_folder)


# --- finding and reading config files ------------------------------------------


def find_config_file(path: str | Path) -> Path | None:
    """The nearest ``.mtfix.toml``, or ``pyproject.toml`` with ``[tool.mtfix]``, in the
    folder of ``path`` (or ``path`` itself if a folder) and above."""
    start = Path(path).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "mtfix" in data["tool"]


def load_config(path: str | Path) -> Config:
    """Read one config file; ``MtfixError`` names the file and the problem."""
    path = Path(path)
    shown = str(path)
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MtfixError(shown, "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise MtfixError(shown, f"cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise MtfixError(shown, f"invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("mtfix", {})
    return parse_config(data, shown, str(path.resolve().parent))


def parse_config(data: dict, source: str, root: str) -> Config:
    for key in data:
        if key not in KEYS:
            raise MtfixError(source, f"unknown key {key!r}")
    warnings: list[str] = []

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise MtfixError(source, f"{key!r} must be a list of strings")
        return value

    def rules(key: str, values: list[str]) -> frozenset[str]:
        for rule in values:
            if not RULE_ID_RE.fullmatch(rule):
                raise MtfixError(source, f"{key!r}: {rule!r} is not a rule id")
            if not is_known_selector(rule):
                warnings.append(f"{source}: {key}: unknown rule {rule!r}")
        return frozenset(values)

    confidence = data.get("min-confidence")
    if confidence is not None and (
        isinstance(confidence, bool)
        or not isinstance(confidence, (int, float))
        or not 0 <= confidence <= 1
    ):
        raise MtfixError(source, "'min-confidence' must be a number between 0 and 1")
    severity = data.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise MtfixError(source, f"'severity' must be one of {', '.join(SEVERITIES)}")
    context = data.get("context")
    if context is not None and not isinstance(context, bool):
        raise MtfixError(source, "'context' must be true or false")
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise MtfixError(source, "'per-file-ignores' must be a table of glob = [rule ids]")
    per_file_ignores = []
    for pattern, ids in per_file.items():
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise MtfixError(source, f"per-file-ignores {pattern!r} must be a list of rule ids")
        per_file_ignores.append((pattern, rules("per-file-ignores", ids)))
    allow_files = tuple(str(Path(root, name)) for name in strings("allow-files"))
    for name in allow_files:
        if not Path(name).is_file():
            raise MtfixError(source, f"allow-files: no such file {name}")
    return Config(
        source=source,
        root=root,
        allow=frozenset(strings("allow")),
        allow_files=allow_files,
        exclude=tuple(strings("exclude")),
        select=rules("select", strings("select")) if "select" in data else None,
        extend_select=rules("extend-select", strings("extend-select")),
        ignore=rules("ignore", strings("ignore")),
        min_confidence=float(confidence) if confidence is not None else None,
        per_file_ignores=tuple(per_file_ignores),
        context=context,
        severity=severity,
        warnings=tuple(warnings),
    )


def _word_file(path: str) -> frozenset[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise MtfixError(path, f"cannot read allow file: {error}") from None
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


# --- resolving settings per file ----------------------------------------------


@dataclass(frozen=True)
class Overrides:
    """What the command line says; it wins over config files."""

    config_file: str | None = None
    use_config: bool = True
    select: frozenset[str] | None = None
    extend_select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    exclude: tuple[str, ...] = ()
    min_confidence: float | None = None
    severity: str | None = None

    def __post_init__(self) -> None:
        """A rule id on the command line is checked at once: a typo is an error (in a
        config file it is a warning, so a config written for a newer mtfix loads)."""
        for option, values in (
            ("--select", self.select or ()),
            ("--extend-select", self.extend_select),
            ("--ignore", self.ignore),
        ):
            for value in sorted(values):
                if not RULE_ID_RE.fullmatch(value) or not is_known_selector(value):
                    raise MtfixError(option, f"unknown rule {value!r} (see 'mtfix rules')")


class Resolver:
    """The ``Config`` for each path, cached per config file, with CLI overrides applied."""

    def __init__(self, overrides: Overrides = Overrides(), cwd: str | None = None) -> None:
        self.overrides = overrides
        self.cwd = cwd or str(Path.cwd())
        self._loaded: dict[Path, Config] = {}
        self._found: dict[Path, Path | None] = {}
        self._words: dict[Config, frozenset[str]] = {}
        self.warnings: list[str] = []
        self._explicit = self._load(Path(overrides.config_file)) if overrides.config_file else None

    def _load(self, path: Path) -> Config:
        key = path.resolve()
        if key not in self._loaded:
            config = load_config(path)
            self._loaded[key] = config
            self.warnings.extend(config.warnings)
        return self._loaded[key]

    def file_config(self, path: str) -> Config:
        """The config file's settings for ``path``, before command-line overrides."""
        if self._explicit is not None:
            return self._explicit
        if not self.overrides.use_config:
            return Config(root=self.cwd)
        target = _resolve(self.cwd if path == "-" else path)
        folder = target if target.is_dir() else target.parent
        if folder not in self._found:
            self._found[folder] = find_config_file(folder)
        found = self._found[folder]
        return self._load(found) if found else Config(root=self.cwd)

    def words(self, path: str) -> frozenset[str]:
        """The allowed words for ``path`` (``allow`` and ``allow-files``), read once."""
        config = self.file_config(path)
        if config not in self._words:
            self._words[config] = config.words()
        return self._words[config]

    def config(self, path: str) -> Config:
        """The settings in force for ``path``: the file's, then the command line's."""
        base = self.file_config(path)
        o = self.overrides
        return replace(
            base,
            select=o.select if o.select is not None else base.select,
            extend_select=base.extend_select | o.extend_select,
            ignore=base.ignore | o.ignore,
            min_confidence=(
                o.min_confidence if o.min_confidence is not None else base.min_confidence
            ),
            severity=o.severity or base.severity,
        )

    def excluded(self, path: str, is_folder: bool = False) -> bool:
        """Whether ``exclude`` (the command line's, relative to the current folder, or
        the config file's, relative to it) leaves ``path`` out."""
        if path == "-":
            return False
        if self.overrides.exclude:
            relative = _relative(path, self.cwd)
            if relative is not None and excluded_by(self.overrides.exclude, relative, is_folder):
                return True
        return self.file_config(path).excludes(path, is_folder)


# --- gitignore-style globs -------------------------------------------------------


def excluded_by(patterns: tuple[str, ...], relative: str, is_folder: bool = False) -> bool:
    """Gitignore semantics: the last pattern that matches decides; ``!`` re-includes."""
    result = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        if matches(pattern[1:] if negated else pattern, relative, is_folder):
            result = not negated
    return result


def matches(pattern: str, relative: str, is_folder: bool = False) -> bool:
    """Whether a gitignore-style ``pattern`` matches ``relative`` (a ``/`` path) or one
    of its parent folders. A pattern without ``/`` (other than a trailing one) matches
    at any depth; ``**`` spans folders; a trailing ``/`` matches folders only."""
    if relative in ("", "."):
        return False
    parts = relative.split("/")
    folder_only = pattern.endswith("/")
    regex = _glob_regex(pattern.rstrip("/"))
    for depth in range(1, len(parts) + 1):
        if folder_only and depth == len(parts) and not is_folder:
            continue
        if regex.fullmatch("/".join(parts[:depth])):
            return True
    return False


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = pattern.find("]", index + 1)
            if close < 0:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : close].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                index = close
        else:
            out.append(re.escape(char))
        index += 1
    body = "".join(out)
    return re.compile(body if anchored else f"(?:.*/)?{body}")


def _resolve(path: str) -> Path:
    """``Path.resolve``, or the absolute path for a symbolic link loop (reading the file
    then reports the loop). Remembered per working folder: planning a run asks for the
    same few paths several times per file, and each answer costs a system call per folder."""
    try:
        cwd = os.getcwd()
    except OSError:
        return _resolve_now(path)
    return _resolved(cwd, path)


@lru_cache(maxsize=4096)
def _resolved(cwd: str, path: str) -> Path:
    return _resolve_now(path)


def _resolve_now(path: str) -> Path:
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def _relative(path: str, root: str) -> str | None:
    try:
        return _resolve(path).relative_to(_resolve(root)).as_posix()
    except ValueError:
        return None


def describe(config: Config, path: str) -> str:
    """The settings in force for ``path``, as TOML-like lines (``mtfix config``)."""

    def toml_list(values) -> str:
        return "[" + ", ".join(f'"{v}"' for v in sorted(values)) + "]"

    lines = [
        f"# settings for {path}",
        f"# from {config.source}" if config.source else "# from: defaults (no config file)",
        f"allow = {toml_list(config.allow)}",
        f"allow-files = {toml_list(config.allow_files)}",
        f"exclude = {toml_list(config.exclude)}",
        f"select = {toml_list(config.select)}"
        if config.select is not None
        else "# select: the rules on by default",
        f"extend-select = {toml_list(config.extend_select)}",
        f"ignore = {toml_list(config.ignore)}",
        f"min-confidence = {config.min_confidence if config.min_confidence is not None else 0.0}",
        f'severity = "{config.severity or "warning"}"',
        "per-file-ignores = {"
        + ", ".join(f'"{p}" = {toml_list(ids)}' for p, ids in config.per_file_ignores)
        + "}",
    ]
    return "\n".join(lines) + "\n"
