"""Fixtures: the `tthc` command installed with the package (the same wheel), run as a
user runs it, and the repository's catalogue and examples.

Every test compares an answer of the Python module with what the command line prints
for the same question (`--json`, `--format json`), or with the HTTP API of `tthc serve`,
and, for the bundled examples, with the values worked out by hand in `examples.yaml`.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import tthc

REPO = Path(__file__).resolve().parents[2]
PROCEDURES = REPO / "procedures"
FIXTURES = REPO / "tests" / "fixtures"


def _find_cli() -> str:
    """`TTHC_BIN`, else the `tthc` installed beside this interpreter (the wheel's
    scripts folder), else the one on PATH."""
    if os.environ.get("TTHC_BIN"):
        return os.environ["TTHC_BIN"]
    exe = "tthc.exe" if os.name == "nt" else "tthc"
    beside = Path(sysconfig.get_path("scripts")) / exe
    if beside.is_file():
        return str(beside)
    found = shutil.which("tthc")
    if not found:
        pytest.exit("no `tthc` command: install the wheel (pip install tthc) or set TTHC_BIN", 2)
    return found


class Cli:
    """The `tthc` command. By default it runs in an empty folder, so that it uses the
    bundled catalogue as `Catalogue.bundled()` does."""

    def __init__(self, program: str, empty: Path):
        self.program = program
        self.empty = empty

    def run(self, *args: str, cwd: Path | None = None, lang: str = "en") -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.program, "--lang", lang, *args],
            cwd=cwd or self.empty,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    def json(self, *args: str, cwd: Path | None = None) -> dict:
        done = self.run(*args, cwd=cwd)
        assert done.returncode == 0, f"tthc {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout)

    def error(self, *args: str, lang: str = "en") -> str:
        """The one-line error message of a command that fails with exit status 2."""
        done = self.run(*args, lang=lang)
        assert done.returncode == 2, f"tthc {' '.join(args)}: exit {done.returncode}, {done.stdout}{done.stderr}"
        return done.stderr.strip()


@pytest.fixture(scope="session")
def cli(tmp_path_factory) -> Cli:
    return Cli(_find_cli(), tmp_path_factory.mktemp("empty"))


@pytest.fixture(scope="session")
def bundled() -> tthc.Catalogue:
    return tthc.Catalogue.bundled()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """`tthc serve` on loopback, serving the bundled catalogue."""

    def __init__(self, base: str):
        self.base = base

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"content-type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)


@pytest.fixture(scope="session")
def api(cli: Cli):
    port = _free_port()
    proc = subprocess.Popen(
        [cli.program, "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=cli.empty,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"tthc serve stopped: {proc.stderr.read().decode()}")
                time.sleep(0.05)
        else:
            pytest.fail("tthc serve did not answer /healthz")
        yield Api(base)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def case_args(case: dict) -> list[str]:
    """The command-line options of a case given as the API's fields."""
    args = [case["procedure"], "--received", case["received_at"]]
    if case.get("variant"):
        args += ["--variant", case["variant"]]
    for p in case.get("pauses") or []:
        sep = " / " if "/" in p["from"] else "/"
        args += ["--pause", f"{p['from']}{sep}{p['to']}"]
    if case.get("restarted_at"):
        args += ["--restarted", case["restarted_at"]]
    if case.get("calendar"):
        args += ["--calendar", case["calendar"]]
    if case.get("due_time"):
        args += ["--due-time", case["due_time"].replace("_", "-")]
    if case.get("explain"):
        args += ["--explain"]
    return args


if sys.platform == "win32":  # the CLI prints UTF-8; make the test's own output match
    sys.stdout.reconfigure(encoding="utf-8")
