"""Bundle rendering: the three formats against references measured in the same run.

usage: .venv/bin/python bench/bundles/run.py [--corpus /tmp/corpus] [--reps 5]

The corpus is Django's own translations (conf/locale/*/LC_MESSAGES/django.po,
about 100 real catalogs; the wheel is fetched with `pip download django` when
--corpus has none). Catalogs the pipeline refuses (plural rule against CLDR,
wrong number of forms) are counted and left out of the timings.

  i18next, gettext   our renderer over every catalog, against the least a JSON
                     export costs: json.dumps of {msgid: msgstr} for the same catalogs
  mo                 our renderer (filter + babel write_mo) against babel write_mo alone
  read + 3 formats   read_catalog and all three formats per catalog, against GNU
                     msgfmt compiling the same files to MO (one process per file)

Times are wall clock, best of --reps; the ratio is ours / reference.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from i18n_pipeline.bundles import FORMATS, render_bundle
from i18n_pipeline.errors import PipelineError
from i18n_pipeline.locales import to_bcp47
from i18n_pipeline.pofile import read_catalog

BIN = Path(sys.executable).parent


def django_catalogs(corpus: Path) -> list[Path]:
    """Django's core catalogs, downloading the wheel into ``corpus`` when missing."""
    src = corpus / "src" / "django"
    if not src.is_dir():
        corpus.mkdir(parents=True, exist_ok=True)
        pip = [str(BIN / "python"), "-m", "pip", "download", "django", "--no-deps", "-q"]
        subprocess.run([*pip, "-d", str(corpus)], check=True)
        wheel = sorted(corpus.glob("django-*.whl"))[-1]
        unzip = [str(BIN / "python"), "-m", "zipfile", "-e", str(wheel), str(corpus / "src")]
        subprocess.run(unzip, check=True)
    return sorted(src.glob("conf/locale/*/LC_MESSAGES/django.po"))


def usable(paths: list[Path]) -> tuple[list[tuple[Path, Catalog, str]], Counter[str]]:
    """The catalogs every format renders, and why the others were refused."""
    kept: list[tuple[Path, Catalog, str]] = []
    refused: Counter[str] = Counter()
    for path in paths:
        try:
            catalog = read_catalog(path)
            tag = to_bcp47(path.parents[1].name)
            for fmt in FORMATS:
                render_bundle(catalog, tag, fmt)
        except PipelineError as exc:
            refused[type(exc).__name__] += 1
            continue
        kept.append((path, catalog, tag))
    return kept, refused


def best(reps: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def naive_json(catalog: Catalog) -> bytes:
    pairs = {str(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in catalog if m.id}
    return json.dumps(pairs, ensure_ascii=False).encode()


def babel_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/corpus"))
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()

    paths = django_catalogs(args.corpus)
    kept, refused = usable(paths)
    messages = sum(len(catalog) for _, catalog, _ in kept)
    print(f"{len(paths)} Django catalogs; {len(kept)} rendered ({messages} messages); "
          f"refused: {dict(refused)}")  # fmt: skip

    def each(fn: Callable[[Catalog, str], object]) -> Callable[[], None]:
        return lambda: [fn(catalog, tag) for _, catalog, tag in kept] and None

    def end_to_end() -> None:
        for path, _, tag in kept:
            catalog = read_catalog(path)
            for fmt in FORMATS:
                render_bundle(catalog, tag, fmt)

    def msgfmt_all() -> None:
        for path, _, _ in kept:
            subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], check=True)

    rows = [
        ("i18next", each(lambda c, t: render_bundle(c, t, "i18next")),
         "json.dumps", each(lambda c, t: naive_json(c))),
        ("gettext", each(lambda c, t: render_bundle(c, t, "gettext")),
         "json.dumps", each(lambda c, t: naive_json(c))),
        ("mo", each(lambda c, t: render_bundle(c, t, "mo")),
         "babel write_mo", each(lambda c, t: babel_mo(c))),
        ("read + 3 formats", end_to_end, "GNU msgfmt", msgfmt_all),
    ]  # fmt: skip
    print(f"{'step':18} {'ours s':>8} {'reference':>15} {'ref s':>8} {'ratio':>6}")
    for name, ours, ref_name, reference in rows:
        ours_s, ref_s = best(args.reps, ours), best(args.reps, reference)
        print(f"{name:18} {ours_s:8.3f} {ref_name:>15} {ref_s:8.3f} {ours_s / ref_s:6.2f}")


if __name__ == "__main__":
    main()
