"""Catalog update + compile: `i18n` against GNU gettext and pybabel on one corpus, one run.

usage: .venv/bin/python bench/catalogs/run.py [--work /tmp/i18n-bench/catalogs] [--rebuild]

The corpus is built once under --work from Django's own translations (the
wheel ships ~100 locales; it is fetched with `pip download django` if
/tmp/corpus has none): per locale, every Django catalog (core, admin, auth,
...) merged into one `messages.po`, each message's msgctxt naming its
component, plus a second copy under a ":legacy" context (and a third,
":mobile", of the core catalog) so a catalog holds over 2,000 messages.
The POT is derived from the English catalog; the template the run updates
against then changes realistically: 3% of msgids
removed, 5% edited, 3% new. Every tool gets its own fresh copy of the tree:

  i18n    `i18n update` then `i18n compile` (two processes, 2 worker cores)
  gnu     `msgmerge --previous -U` and `msgfmt` per catalog, 2 in parallel (xargs -P2),
          and the same one after another (as a plain Makefile loop would)
  pybabel `pybabel update` then `pybabel compile` (one process each, all locales)
  no-op   `i18n update` again on the updated tree (cache warm), and with the cache removed

Times are wall clock, best of --reps; ratios are against GNU (parallel) and pybabel.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DJANGO = Path("/tmp/corpus")
COMPONENT_RE = re.compile(r"django/(?:contrib/(\w+)|(conf))/locale/")
MIN_LOCALES = 100


def django_tree() -> Path:
    """Django's sources (unpacked wheel), downloading the wheel when missing."""
    src = DJANGO / "src" / "django"
    if not src.is_dir():
        DJANGO.mkdir(parents=True, exist_ok=True)
        pip = [str(BIN / "python"), "-m", "pip", "download", "django", "--no-deps", "-q"]
        subprocess.run([*pip, "-d", str(DJANGO)], check=True)
        wheel = sorted(DJANGO.glob("django-*.whl"))[-1]
        subprocess.run([str(BIN / "python"), "-m", "zipfile", "-e", str(wheel),
                        str(DJANGO / "src")], check=True)  # fmt: skip
    return src


def component_files(src: Path, locale: str) -> list[tuple[str, Path]]:
    out = []
    for path in sorted(src.rglob(f"locale/{locale}/LC_MESSAGES/*.po")):
        match = COMPONENT_RE.search(path.as_posix())
        if match:
            name = match.group(1) or match.group(2)
            out.append((f"{name}.js" if path.stem == "djangojs" else name, path))
    return out


def merged_entries(src: Path, locale: str) -> tuple[dict[str, str], dict[tuple, polib.POEntry]]:
    """One locale's Django messages keyed by (context, msgid); context names the component."""
    entries: dict[tuple, polib.POEntry] = {}
    metadata: dict[str, str] = {}
    for component, path in component_files(src, locale):
        po = polib.pofile(str(path))
        if component == "conf" or not metadata:
            metadata = dict(po.metadata)
        for entry in po:
            if entry.obsolete or not entry.msgid:
                continue
            for suffix in ("", ":legacy", ":mobile") if component == "conf" else ("", ":legacy"):
                ctxt = f"{component}{suffix}" + (f"|{entry.msgctxt}" if entry.msgctxt else "")
                entries[(ctxt, entry.msgid)] = entry
    return metadata, entries


def nplurals_of(metadata: dict[str, str]) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def write_catalog(path: Path, metadata: dict[str, str], keys: list[tuple],
                  source: dict[tuple, polib.POEntry], translated: dict[tuple, polib.POEntry],
                  nplurals: int) -> None:  # fmt: skip
    po = polib.POFile(wrapwidth=79)
    po.metadata = metadata
    for key in keys:
        base = source[key]
        got = translated.get(key)
        entry = polib.POEntry(
            msgctxt=key[0],
            msgid=key[1],
            occurrences=base.occurrences,
            flags=[f for f in base.flags if f != "fuzzy"],
            comment=base.comment,
        )
        if got is not None and "fuzzy" in got.flags:
            entry.flags.append("fuzzy")
        if base.msgid_plural:
            entry.msgid_plural = base.msgid_plural
            forms = [got.msgstr_plural.get(i, "") for i in range(nplurals)] if got else []
            forms = forms if forms and (all(forms) or not any(forms)) else [""] * nplurals
            entry.msgstr_plural = dict(enumerate(forms or [""] * nplurals))
        else:
            entry.msgstr = got.msgstr if got else ""
        po.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def build_corpus(work: Path) -> Path:
    """The tree every tool starts from: locales/messages.pot (changed) + old catalogs."""
    corpus = work / "corpus"
    marker = corpus / ".complete"
    if marker.exists():
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    src = django_tree()
    _, english = merged_entries(src, "en")
    keys = sorted(english)
    locales_dir = corpus / "locales"
    names = sorted({p.parent.parent.name for p in src.rglob("locale/*/LC_MESSAGES/*.po")} - {"en"})
    kept = 0
    # Django has 98 translated locales; four regional variants reuse a parent's
    # translations to pass 100 (their catalogs are real text, not generated).
    for locale, parent in [*((n, n) for n in names), *REGIONAL_COPIES.items()]:
        metadata, entries = merged_entries(src, parent)
        nplurals = nplurals_of(metadata)
        if nplurals is None:
            continue
        metadata["Language"] = locale
        path = locales_dir / locale / "LC_MESSAGES" / "messages.po"
        write_catalog(path, metadata, keys, english, entries, nplurals)
        if not repaired(path):
            shutil.rmtree(path.parent.parent)
            continue
        kept += 1
    if kept < MIN_LOCALES:
        sys.exit(f"only {kept} usable Django locales, need {MIN_LOCALES}")
    write_template(locales_dir / "messages.pot", keys, english)
    marker.write_text(f"{kept} locales, {len(keys)} messages\n")
    return corpus


REGIONAL_COPIES = {"de_AT": "de", "fr_LU": "fr", "es_ES": "es", "nl_BE": "nl"}
ERROR_LINE_RE = re.compile(r":(\d+): ")


def repaired(path: Path) -> bool:
    """True when msgfmt -c accepts ``path``, after blanking translations it rejects.

    A few Django translations have format errors msgfmt refuses (e.g. a
    missing %(count)s); those messages become untranslated in the corpus.
    """
    for _ in range(2):
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)],
                               capture_output=True, text=True)  # fmt: skip
        if check.returncode == 0:
            return True
        lines = {int(m.group(1)) for m in ERROR_LINE_RE.finditer(check.stderr)}
        po = polib.pofile(str(path))
        for entry in po:
            if any(entry.linenum <= line < entry.linenum + 12 for line in lines):
                entry.msgstr = ""
                entry.msgstr_plural = {i: "" for i in entry.msgstr_plural}
        po.save(str(path))
    return False


def write_template(path: Path, keys: list[tuple], english: dict[tuple, polib.POEntry]) -> None:
    """The new POT: the English message set with 3% removed, 5% edited, 3% new."""
    rng = random.Random(20261203)
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {
        "Project-Id-Version": "bench 2.0", "POT-Creation-Date": "2026-12-03 12:00+0000",
        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }  # fmt: skip
    for index, key in enumerate(keys):
        roll = rng.random()
        if roll < 0.03:
            continue
        base = english[key]
        msgid = base.msgid
        if roll < 0.08:
            msgid = edit(msgid, rng)
        entry = polib.POEntry(msgctxt=key[0], msgid=msgid, occurrences=base.occurrences,
                              flags=list(base.flags), comment=base.comment)  # fmt: skip
        if base.msgid_plural:
            entry.msgid_plural = base.msgid_plural
            entry.msgstr_plural = {0: "", 1: ""}
        pot.append(entry)
        if rng.random() < 0.03:
            pot.append(polib.POEntry(msgctxt=key[0], msgid=f"New feature text number {index}: "
                                     f"{' '.join(rng.sample(WORDS, 6))}.", msgstr=""))  # fmt: skip
    pot.save(str(path))


WORDS = [
    "account", "settings", "review", "candidate", "profile", "upload", "export", "invite",
    "team", "member", "schedule", "interview", "offer", "letter", "privacy", "notice",
]  # fmt: skip


def edit(msgid: str, rng: random.Random) -> str:
    """A realistic source edit: a word added or replaced, punctuation fixed."""
    words = msgid.split(" ")
    choice = rng.random()
    if choice < 0.4 and len(words) > 2:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        return " ".join(words)
    if choice < 0.7:
        return msgid.rstrip(".") + " now."
    return "Please " + msgid[:1].lower() + msgid[1:]


def fresh_copy(corpus: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(corpus, target, ignore=shutil.ignore_patterns(".complete"))
    return target


Timing = tuple[float, float]  # wall seconds, CPU seconds of the child processes


def timed(commands: list[list[str]] | str) -> Timing:
    """Run ``commands``; their wall time and the CPU time (user + sys) they used."""
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command in [commands] if isinstance(commands, str) else commands:
        done = subprocess.run(command, shell=isinstance(command, str), **quiet)  # type: ignore[call-overload]
        if done.returncode != 0:
            sys.exit(f"failed: {command}\n{done.stderr.decode()[-2000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def best(reps: int, make: Callable[[], Timing]) -> Timing:
    """Best of ``reps`` by wall time (the machine is shared; the CPU column is steadier)."""
    return min((make() for _ in range(reps)), key=lambda t: t[0])


LIBRARY = """
import sys
from pathlib import Path
from i18n_pipeline.config import Settings
from i18n_pipeline.catalogs import compile_catalogs, update_locales
settings = Settings(root=Path(sys.argv[1]))
update_locales(settings)
if sys.argv[2] == "compile":
    compile_catalogs(settings)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/i18n-bench/catalogs"))
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpus")
    args = parser.parse_args()
    if args.rebuild:
        shutil.rmtree(args.work / "corpus", ignore_errors=True)
    corpus = build_corpus(args.work)
    pot = corpus / "locales" / "messages.pot"
    catalogs = sorted((corpus / "locales").glob("*/LC_MESSAGES/messages.po"))
    messages = sum(1 for e in polib.pofile(str(pot)) if e.msgid)
    print(f"corpus: {len(catalogs)} locales x {messages} messages (template), {corpus}", flush=True)
    i18n, python = str(BIN / "i18n"), str(BIN / "python")
    tree = args.work / "run"

    def ours() -> Timing:
        root = str(fresh_copy(corpus, tree))
        return timed([[i18n, "update", "--root", root], [i18n, "compile", "--root", root]])

    def library() -> Timing:
        root = str(fresh_copy(corpus, tree))
        return timed([[python, "-c", LIBRARY, root, "compile"]])

    def gnu(jobs: int) -> Timing:
        root = fresh_copy(corpus, tree)
        lst = " ".join(str(p) for p in sorted(root.glob("locales/*/LC_MESSAGES/messages.po")))
        script = (
            f"printf '%s\\n' {lst} | xargs -P{jobs} -I{{}} sh -c "
            f"'msgmerge -q --previous -U --backup=none {{}} {root}/locales/messages.pot"
            " && msgfmt -o $(dirname {})/messages.mo {}'"
        )
        return timed(script)

    def pybabel() -> Timing:
        d = str(fresh_copy(corpus, tree) / "locales")
        pb = str(BIN / "pybabel")
        # pybabel compile exits 1 when it skips a catalog (it refuses a few plural
        # layouts); `|| true` keeps the timing, the failures are counted below.
        return timed([[pb, "-q", "update", "-i", d + "/messages.pot", "-d", d, "-D", "messages"],
                      f"{pb} -q compile -d {d} -D messages 2>/dev/null || true"])  # fmt: skip

    rows: list[tuple[str, Timing]] = []

    def measure(name: str, make: Callable[[], Timing], reps: int = args.reps) -> Timing:
        result = best(reps, make)
        rows.append((name, result))
        print(f"{name:44} {result[0]:8.2f} s wall {result[1]:8.2f} s CPU", flush=True)
        return result

    startup = measure("i18n --help (CLI start-up floor)", lambda: timed([[i18n, "--help"]]))
    full = measure("i18n update + i18n compile", ours)
    failures = sum(
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(p)], capture_output=True).returncode
        != 0
        for p in tree.glob("locales/*/LC_MESSAGES/messages.po")
    )
    noop = measure("i18n update, no-op (cache warm)",
                   lambda: timed([[i18n, "update", "--root", str(tree)]]))  # fmt: skip

    def noop_cold() -> Timing:
        shutil.rmtree(tree / "var" / "cache", ignore_errors=True)
        return timed([[i18n, "update", "--root", str(tree)]])

    measure("i18n update, no-op (cache removed)", noop_cold)
    lib = measure("library update_locales + compile_catalogs", library)
    lib_noop = measure("library update_locales, no-op (cache warm)",
                       lambda: timed([[python, "-c", LIBRARY, str(tree), "-"]]))  # fmt: skip
    gnu2 = measure("GNU msgmerge + msgfmt, 2 in parallel", lambda: gnu(2))
    gnu1 = measure("GNU msgmerge + msgfmt, one after another", lambda: gnu(1), 1)
    babel = measure("pybabel update + pybabel compile", pybabel, 1)

    print()
    print("| run | wall s | CPU s |\n|---|---|---|")
    for name, (wall, cpu) in rows:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    for label, ref in (("GNU (2 parallel)", gnu2), ("GNU (sequential)", gnu1), ("pybabel", babel)):
        print(f"i18n / {label}: wall {full[0] / ref[0]:.2f}x, CPU {full[1] / ref[1]:.2f}x;")
        print(f"  library / {label}: wall {lib[0] / ref[0]:.2f}x, CPU {lib[1] / ref[1]:.2f}x")
    print(f"no-op / full: CLI {noop[0] / full[0]:.3f} (start-up alone {startup[0]:.2f} s),"
          f" library {lib_noop[0] / lib[0]:.3f}")  # fmt: skip
    print(f"msgfmt --check failures on i18n output: {failures} of {len(catalogs)}")


if __name__ == "__main__":
    main()
