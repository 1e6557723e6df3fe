"""CLI rows of the catalog benchmark only: start-up, full update + compile, no-op update.

Reuses the cached corpus and the timing helpers of ``run.py`` (same directory);
quicker than the whole benchmark when only the CLI's fixed costs changed. The
ratio no-op / full is the figure the issue's goal (< 0.1) is about.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/i18n-bench/catalogs"))
    args = parser.parse_args()
    corpus = bench.build_corpus(args.work)
    tree = args.work / "cli-noop"
    i18n = str(bench.BIN / "i18n")
    startup = bench.best(3, lambda: bench.timed([[i18n, "--help"]]))
    print(f"i18n --help                  {startup[0]:6.2f} s wall {startup[1]:6.2f} s CPU")

    def full() -> bench.Timing:
        root = str(bench.fresh_copy(corpus, tree))
        return bench.timed([[i18n, "update", "--root", root], [i18n, "compile", "--root", root]])

    whole = bench.best(1, full)
    print(f"i18n update + compile        {whole[0]:6.2f} s wall {whole[1]:6.2f} s CPU")
    noop = bench.best(2, lambda: bench.timed([[i18n, "update", "--root", str(tree)]]))
    print(f"i18n update, no-op (warm)    {noop[0]:6.2f} s wall {noop[1]:6.2f} s CPU")
    print(f"no-op / full: {noop[0] / whole[0]:.3f}")


if __name__ == "__main__":
    main()
