"""HTTP benchmark of the API's hot paths against a bare Starlette app, in one run.

    .venv/bin/python bench/api/run.py [--duration 10s] [--runs 2] [--conns 64]

Builds a release from the repository's catalogs (and a few rule files) into a
temporary store, starts the API (``api.server:served_app``, as ``i18n
serve`` runs it) and a bare Starlette app serving the same bundle bytes, each
a uvicorn process on 127.0.0.1, then runs wrk against: the bundle endpoint,
the same bundle with a matching If-None-Match (304), a rules lookup, and the
bare app. Runs are interleaved so machine noise spreads over every target.

Goal: the bundle endpoint at 0.8x the bare app or better with p99 under 50 ms
at 64 connections, and no errors on any target. Exit 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from i18n_pipeline.config import Settings
from i18n_pipeline.release import build
from i18n_pipeline.store import open_store

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RULES = ("jurisdictions.yaml", "gdpr.yaml", "us_federal.yaml", "us_ca_ccpa.yaml")
REGION, LOCALE = "emea", "de"


@dataclass
class Target:
    label: str
    url: str
    headers: list[str] = field(default_factory=list)
    runs: list[dict[str, float]] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return statistics.mean(r["rps"] for r in self.runs)

    @property
    def p99_ms(self) -> float:
        return max(r["p99_us"] for r in self.runs) / 1000

    @property
    def errors(self) -> int:
        return int(sum(r[k] for r in self.runs for k in r if k.startswith("err_")))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_release(work: Path) -> tuple[Settings, Path]:
    """A release of the repository's catalogs; the path of the benchmarked bundle file."""
    root = work / "project"
    shutil.copytree(REPO / "locales", root / "locales")
    shutil.copytree(REPO / "compliance_rules" / "notices", root / "compliance_rules" / "notices")
    for name in RULES:
        shutil.copy(REPO / "compliance_rules" / name, root / "compliance_rules" / name)
    settings = Settings(root=root)
    manifest = build(settings, open_store(settings), actor="bench").manifest
    entry = manifest.regions[REGION].locales[LOCALE]
    path = next(f.path for f in entry.files if f.format == "i18next" and f.domain == "messages")
    return settings, settings.release_path / "releases" / manifest.release_id / path


def start(cmd: list[str], env: dict[str, str], url: str, log: Path) -> subprocess.Popen[bytes]:
    """Start a server (its logs to ``log``) and wait until ``url`` answers."""
    with open(log, "wb") as sink:
        process = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited: {log.read_text()[-2000:]}") from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{url} did not answer in 60 s")


def wrk(target: Target, args: argparse.Namespace, duration: str) -> dict[str, float]:
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.conns}", f"-d{duration}", "--latency"]
    cmd += ["--timeout", "5s", "-s", str(HERE / "report.lua")]
    for header in target.headers:
        cmd += ["-H", header]
    out = subprocess.run([*cmd, target.url], capture_output=True, text=True, timeout=300).stdout
    found = re.search(r"^WRKJSON (.*)$", out, re.M)
    if not found:
        raise RuntimeError(f"wrk gave no result for {target.label}:\n{out}")
    result: dict[str, float] = json.loads(found.group(1))
    return result


def probe(target: Target) -> str:
    headers = dict(h.split(": ", 1) for h in target.headers)
    request = urllib.request.Request(target.url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return f"{answer.status} {len(answer.read())} B etag={answer.headers.get('etag')}"
    except urllib.error.HTTPError as exc:  # 304 arrives as an HTTPError
        return f"{exc.code} {len(exc.read())} B"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--warmup", default="2s")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--conns", type=int, default=64)
    parser.add_argument("--access-log", action="store_true", help="Keep the JSON access log on.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="api-bench-") as tmp:
        settings, bundle_file = make_release(Path(tmp))
        api_port, bare_port = free_port(), free_port()
        env = {
            **os.environ,
            "I18N_ROOT": str(settings.root),
            "I18N_ACCESS_LOG": "true" if args.access_log else "false",
            "I18N_TIER": "edge",
        }
        python = sys.executable
        uvicorn_cmd = [python, "-m", "uvicorn", "--host", "127.0.0.1", "--no-access-log"]
        uvicorn_cmd += ["--log-level", "warning", "--no-server-header"]
        api = start(
            [*uvicorn_cmd, "--port", str(api_port), "--factory", "api.server:served_app"],
            env,
            f"http://127.0.0.1:{api_port}/healthz",
            Path(tmp) / "api.log",
        )
        bare = start(
            [python, str(HERE / "bare_app.py"), str(bare_port), str(bundle_file)],
            env,
            f"http://127.0.0.1:{bare_port}/bundle",
            Path(tmp) / "bare.log",
        )
        try:
            return measure(args, api_port, bare_port)
        finally:
            for process in (api, bare):
                process.terminate()
                process.wait(timeout=10)


def measure(args: argparse.Namespace, api_port: int, bare_port: int) -> int:
    api = f"http://127.0.0.1:{api_port}"
    with urllib.request.urlopen(f"{api}/v1/bundles/{REGION}/{LOCALE}", timeout=5) as answer:
        etag = answer.headers["etag"]
    targets = [
        Target("bare starlette", f"http://127.0.0.1:{bare_port}/bundle"),
        Target("api bundle", f"{api}/v1/bundles/{REGION}/{LOCALE}"),
        Target("api bundle 304", f"{api}/v1/bundles/{REGION}/{LOCALE}", [f"If-None-Match: {etag}"]),
        Target("api rules lookup", f"{api}/v1/rules?country=DE"),
    ]
    for target in targets:
        print(f"# probe {target.label}: {target.url} -> {probe(target)}", flush=True)
        wrk(target, args, args.warmup)
    for run in range(args.runs):
        for target in targets:
            result = wrk(target, args, args.duration)
            target.runs.append(result)
            print(
                f"# run {run + 1} {target.label}: {result['rps']:.0f} req/s, "
                f"p50 {result['p50_us'] / 1000:.2f} ms, p99 {result['p99_us'] / 1000:.2f} ms",
                flush=True,
            )
    return report(targets, args)


def report(targets: list[Target], args: argparse.Namespace) -> int:
    base = targets[0].rps
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nwrk -t{args.threads} -c{args.conns} -d{args.duration}, {args.runs} interleaved runs")
    print(f"load average at the end (1, 5, 15 min): {load} on {os.cpu_count()} cores")
    print("| target | req/s | x bare | p99 ms (worst run) | errors |")
    print("|---|---|---|---|---|")
    for t in targets:
        print(f"| {t.label} | {t.rps:.0f} | {t.rps / base:.2f} | {t.p99_ms:.2f} | {t.errors} |")
    bundle = targets[1]
    ok = bundle.rps / base >= 0.8 and bundle.p99_ms < 50 and all(t.errors == 0 for t in targets)
    verdict = "met" if ok else "MISSED"
    print(f"\ngoal (bundle >= 0.8x bare and p99 < 50 ms, no errors anywhere): {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
