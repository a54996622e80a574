"""``newsconv explain`` and the small seams of the command line: explain reads inputs as
clean does (many inputs, --text-field, --input-format, --doc-separator, --encoding), colours
by --color and NO_COLOR, lays lines out for the terminal's width or shows them whole; clean
and explain with no input on a terminal say how to give one; the progress bar moves before
the first result; clean_text takes bytes."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsconv
from newsconv.cli import main
from newsconv.explain import Layout
from tests.paths import EXAMPLES, ROOT

FERRY = (EXAMPLES / "harbour-ferry.txt").read_text(encoding="utf-8")
MARKET = (EXAMPLES / "night-market.txt").read_text(encoding="utf-8")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LONG = "NORTHBAY — The Gull Point ferry carried its first passengers"  # a long line's start


def explain(*args: str, env: dict[str, str] | None = None,
            stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["explain", *args], env=env, input=stdin,
                                catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def headers(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("== ")]


def test_many_inputs_and_record_fields(tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl"
    shard.write_text(json.dumps({"id": "r1", "body": MARKET}) + "\n", encoding="utf-8")
    page = tmp_path / "ferry.txt"
    page.write_text(FERRY, encoding="utf-8")
    code, out, err = explain("--text-field", "body", str(page), str(shard), "missing.txt")
    assert code == 1 and err == "newsconv: missing.txt: no such file or directory\n"
    assert [h.split(" (")[0] for h in headers(out)] == [f"== {page}", f"== {shard}"]


def test_input_format_separator_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "dump.dat"
    path.write_bytes((FERRY + "\n=== next page ===\n" + MARKET).encode("cp1252", "replace"))
    code, out, _ = explain("--input-format", "text", "--encoding", "cp1252",
                           "--doc-separator", "^=== next page ===$", str(path))
    assert code == 0
    assert len(headers(out)) == 2 and "a1: Night market returns to the old tram depot" in out


def test_no_input_on_a_terminal_prints_a_hint_instead_of_waiting() -> None:
    for command in ("clean", "explain"):
        pid, fd = pty.fork()
        if pid == 0:  # the child: stdin, stdout and stderr are the terminal
            os.environ["PYTHONPATH"] = str(ROOT)
            os.execv(sys.executable, [sys.executable, "-m", "newsconv", command])
        out = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        else:
            os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 2, out
        assert out.decode().startswith(f"newsconv: no input: give files or folders (newsconv "
                                       f"{command} dump.txt)")


def test_stdin_that_is_not_a_terminal_is_read_as_before() -> None:
    code, out, _ = explain(stdin=FERRY)
    assert code == 0 and headers(out)[0].startswith("== <stdin> (document 1)")


# --- colour ---------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "env", "coloured"), [
    ((), {}, False),  # not a terminal: auto is off
    (("--color", "always"), {}, True),  # through a pipe (for `| less -R`)
    (("--color", "always"), {"NO_COLOR": "1"}, True),  # asked for explicitly
    (("--color", "auto"), {"NO_COLOR": "1"}, False),
    (("--color", "never"), {}, False),
    (("--no-color",), {}, False),
])
def test_colour(args: tuple[str, ...], env: dict[str, str], coloured: bool) -> None:
    code, out, _ = explain("-", *args, env=env, stdin=FERRY)
    assert code == 0 and bool(ANSI.search(out)) == coloured


def test_no_color_is_honoured_on_a_terminal() -> None:
    from newsconv.cli import _colour
    assert _colour("auto") is None  # click decides by the terminal
    os.environ["NO_COLOR"] = "1"
    try:
        assert _colour("auto") is False and _colour("always") is True
    finally:
        del os.environ["NO_COLOR"]


# --- width and whole lines ------------------------------------------------------------

def test_lines_fit_the_width() -> None:
    for width in (60, 80, 120, 200):
        code, out, _ = explain("--width", str(width), "-", stdin=FERRY)
        assert code == 0
        for line in out.splitlines():
            if not line.startswith(("==", "   a")):
                assert len(line) <= width, (width, line)
        assert any(line.endswith("…") for line in out.splitlines())


def test_the_width_comes_from_columns_when_there_is_no_terminal() -> None:
    code, out, _ = explain("-", env={"COLUMNS": "90"}, stdin=FERRY)
    assert code == 0
    assert max(len(line) for line in out.splitlines() if line.startswith("KEEP")) <= 90


def test_without_a_terminal_or_columns_lines_are_whole() -> None:
    code, out, _ = explain("-", env={"COLUMNS": ""}, stdin=FERRY)
    assert code == 0
    long = next(line for line in out.splitlines() if LONG in line)
    assert long.endswith("left it grounded on the breakwater.")


def test_full_wraps_whole_lines_under_their_columns() -> None:
    code, out, _ = explain("--full", "--width", "80", "-", stdin=FERRY)
    assert code == 0
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if LONG[:30] in line)
    column = lines[start].index("│")
    wrapped = [lines[start][column + 2:]]
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        assert line.index("│") == column and len(line) <= 80
        wrapped.append(line[column + 2:])
    text = " ".join(w for w in wrapped if w)
    assert text == next(p for p in FERRY.splitlines() if p.startswith(LONG[:30]))
    # every line of the explanation fits, reasons included
    assert all(len(line) <= 80 for line in lines if not line.startswith(("==", "   a")))


def test_layout_narrows_the_reason_before_the_text() -> None:
    assert Layout(80).reason_width < Layout(140).reason_width == Layout(200).reason_width
    assert Layout(48).text_width == 20 and Layout(48).reason_width == 0  # reason goes first


# --- progress and the Python API ------------------------------------------------------

def test_the_progress_bar_moves_while_the_first_window_is_read(tmp_path: Path) -> None:
    """On a terminal, the bar shows bytes read before any document is cleaned (the first
    window is read whole before its first result)."""
    from newsconv.cli import _Progress
    from newsconv.runner import ReadMeter, work_units
    from newsconv.sources import ReadOptions
    path = tmp_path / "dump.txt"
    path.write_text("\f\n".join([FERRY, MARKET] * 200), encoding="utf-8")
    progress = _Progress((str(path),))
    drawn = []
    progress._draw = lambda: drawn.append(progress.bytes)  # type: ignore[method-assign]
    progress.REDRAW_SECONDS = 0.0
    meter = ReadMeter(on_read=lambda: progress.advance(meter.bytes, 0))
    first = next(iter(work_units([str(path)], ReadOptions(), meter.open)))
    progress.bar.close()
    assert isinstance(first, list)  # nothing was cleaned yet ...
    assert len(drawn) > 3 and drawn == sorted(drawn) and drawn[-1] == path.stat().st_size


def test_clean_text_takes_bytes_as_clean_decodes_them() -> None:
    [from_str] = newsconv.clean_text(MARKET)
    for data in (MARKET.encode("utf-8"), MARKET.encode("utf-16"), MARKET.encode("cp1252")):
        [from_bytes] = newsconv.clean_text(data)
        assert from_bytes == from_str
    with pytest.raises(ValueError, match="clean_text: binary data, not text"):
        newsconv.clean_text(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(TypeError, match="clean_text takes the page as str or bytes, not int"):
        newsconv.clean_text(5)  # type: ignore[arg-type]


def test_explain_runs_as_a_real_process() -> None:
    result = subprocess.run([sys.executable, "-m", "newsconv", "explain", "-"], input=FERRY,
                            capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert result.returncode == 0 and not ANSI.search(result.stdout)
