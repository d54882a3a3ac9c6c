"""A smoke test in a real editor: headless Neovim's built-in LSP client starts ``newslint
server`` on a copy of the example site, shows the seed post's stray ``</b>`` (HT001) at 0-based
31:208, applies the server's preferred quick fix and writes the file (tests/data/nvim_smoke.lua
drives the editor and reports what it got as JSON)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, SEED, SEED_NAME, example_site

NVIM = shutil.which("nvim")
SCRIPT = DATA / "nvim_smoke.lua"
STEP_TIMEOUT_MS = 20_000
"""How long the script waits for each answer of the server before it gives up."""
RUN_TIMEOUT = 120
"""Seconds before the whole editor run is stopped (the script's own waits end sooner)."""
STRAY_LINE, STRAY_CHARACTER = 31, 208
STRAY = "했다.</b></p>"
FIXED = "했다.</p>"

pytestmark = pytest.mark.skipif(
    NVIM is None, reason="nvim is not on PATH: install Neovim (Debian's neovim package) to run"
)


@dataclass(frozen=True)
class EditorRun:
    """What the editor reported, and the post's bytes before and after."""

    report: dict[str, Any]
    before: bytes
    after: bytes


def _environment(home: Path, site: Path, post: Path, out: Path) -> dict[str, str]:
    """The caller's environment with no trace of a user's Neovim: home and XDG folders in
    ``home``, no parent Neovim; and the script's inputs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NVIM", "VIM", "MYVIMRC"))}
    env["HOME"] = str(home)
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    env.update(
        NEWSLINT_SMOKE_SCRIPT=str(SCRIPT),
        NEWSLINT_SMOKE_PYTHON=sys.executable,
        NEWSLINT_SMOKE_ROOT=str(site),
        NEWSLINT_SMOKE_POST=str(post),
        NEWSLINT_SMOKE_OUT=str(out),
        NEWSLINT_SMOKE_TIMEOUT=str(STEP_TIMEOUT_MS),
    )
    return env


def _lsp_log(home: Path) -> str:
    """The end of Neovim's LSP log (the server's standard error lands there): in the cache
    folder with Neovim 0.7, in the state folder with newer ones."""
    for folder in ("cache", "state"):
        log = home / folder / "nvim" / "lsp.log"
        if log.exists():
            return log.read_text(encoding="utf-8", errors="replace")[-4000:]
    return ""


@pytest.fixture(scope="module")
def neovim(tmp_path_factory: pytest.TempPathFactory) -> EditorRun:
    """One run of headless Neovim on the seed post."""
    assert NVIM is not None
    tmp = tmp_path_factory.mktemp("neovim")
    site, home, out = example_site(tmp / "site"), tmp / "home", tmp / "report.json"
    home.mkdir()
    post = site / SEED_NAME
    before = post.read_bytes()
    command = [NVIM, "--headless", "--clean", "-n", "-i", "NONE"]
    command += ["-c", "lua dofile(os.getenv('NEWSLINT_SMOKE_SCRIPT'))"]
    try:
        done = subprocess.run(
            command,
            cwd=site,
            env=_environment(home, site, post, out),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"Neovim did not finish in {RUN_TIMEOUT} s; LSP log:\n{_lsp_log(home)}")
    if not out.exists():
        pytest.fail(
            f"Neovim exited {done.returncode} without a report\nstdout: {done.stdout}\n"
            f"stderr: {done.stderr}\nLSP log:\n{_lsp_log(home)}"
        )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if not report["ok"] or done.returncode != 0:
        pytest.fail(
            f"Neovim failed at step {report['steps'][-1:]}: {report.get('error')} "
            f"(exit {done.returncode})\nstderr: {done.stderr}\nLSP log:\n{_lsp_log(home)}"
        )
    return EditorRun(report, before, post.read_bytes())


def _codes(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [str(d["code"]) for d in diagnostics]


def _by_code(diagnostics: list[dict[str, Any]], code: str) -> dict[str, Any]:
    (found,) = [d for d in diagnostics if d["code"] == code]
    return found


def test_neovim_shows_ht001_at_31_208(neovim: EditorRun) -> None:
    report = neovim.report
    line = SEED.read_text(encoding="utf-8").split("\n")[STRAY_LINE]
    byte_col = len(line[:STRAY_CHARACTER].encode("utf-8"))
    assert line.encode("utf-8")[byte_col : byte_col + 4] == b"</b>"
    # As the server sent it (publishDiagnostics): an LSP range, 0-based line, characters in the
    # encoding agreed at initialize: UTF-16 code units with Neovim 0.7, which offers no other
    # (208, as the line's text before the tag is all in the BMP); UTF-8 bytes with a Neovim
    # that offers it first (0.11 does); UTF-32 code points (208 too) otherwise.
    character = {"utf-16": STRAY_CHARACTER, "utf-32": STRAY_CHARACTER, "utf-8": byte_col}
    start = character[report["offset_encoding"]]
    stray = _by_code(report["first"], "HT001")
    assert stray["range"] == {
        "start": {"line": STRAY_LINE, "character": start},
        "end": {"line": STRAY_LINE, "character": start + len("</b>")},
    }
    assert stray["source"] == "newslint"
    assert stray["severity"] == 1  # Error
    # As Neovim keeps it (vim.diagnostic.get): 0-based lnum, col in bytes of the UTF-8 line
    # (469 here: the Korean text before the tag takes three bytes a character).
    shown = _by_code(report["first_buffer"], "HT001")
    assert (shown["lnum"], shown["col"], shown["end_lnum"], shown["end_col"]) == (
        STRAY_LINE,
        byte_col,
        STRAY_LINE,
        byte_col + 4,
    )
    assert _codes(report["first_buffer"]) == _codes(report["first"])


def test_neovim_applies_the_preferred_quick_fix_and_writes_only_that(neovim: EditorRun) -> None:
    report = neovim.report
    assert report["actions"] == [
        {"title": "remove </b> (HT001)", "kind": "quickfix", "preferred": True},
        {
            "title": "Disable HT001 (stray-end-tag) for this line",
            "kind": "quickfix",
            "preferred": False,
        },
    ]
    stray, fixed = STRAY.encode("utf-8"), FIXED.encode("utf-8")
    assert neovim.before.count(stray) == 1
    assert neovim.after == neovim.before.replace(stray, fixed)
    # The server linted the edited buffer again: everything but the stray tag is still there.
    assert _codes(report["last"]) == [c for c in _codes(report["first"]) if c != "HT001"]
    assert _codes(report["last_buffer"]) == _codes(report["last"])
