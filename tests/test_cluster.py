"""``newsconv clean --dask``: the output folder of a Dask run is byte-identical to the one of
a single-machine ``newsconv clean -o`` run of the same inputs.

A real LocalCluster of 2 worker processes (processes=True: the configuration, the tasks and
the reports really cross process boundaries, as on a cluster) is started once for the module;
the CLI runs as a subprocess and connects to it by address.  One test starts its own cluster
with ``--dask local``.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsconv.cluster import clean_shard, expand_inputs, plan_shards
from newsconv.pipeline import Config
from newsconv.runner import RenderOptions
from newsconv.sources import InputError, ReadOptions, expand_paths
from tests.paths import EXAMPLES, FIXTURES, ROOT
from tests.test_parallel import dump

pytest.importorskip("distributed")
pytest.importorskip("fsspec")

SCALE = FIXTURES / "scale"
ARGS = ["lakeside-weekly.txt", "valley-post.jsonl", "shards"]


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plain text with form-feed separated pages, JSON Lines with extra fields, and a folder
    of shards: gzip-compressed text (one page; many pages, so that the dump statistics
    apply), a nested one, and a hidden file that is skipped."""
    folder = tmp_path_factory.mktemp("cluster")
    shutil.copy(SCALE / "lakeside-weekly.txt", folder)
    shutil.copy(SCALE / "valley-post.jsonl", folder)
    shards = folder / "shards"
    (shards / "2025").mkdir(parents=True)
    (shards / "harbour-ferry.txt.gz").write_bytes(
        gzip.compress((EXAMPLES / "harbour-ferry.txt").read_bytes()))
    (shards / "2025" / "gazette.txt.gz").write_bytes(gzip.compress(dump(40).encode()))
    (shards / "2025" / "gazette-b.txt").write_text(dump(12, seed=3), encoding="utf-8")
    (shards / ".partial.txt").write_text("Not an input\n", encoding="utf-8")
    return folder


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "newsconv", *args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=240, check=False)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones included: no temporary file may be left)."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_dask_output_is_identical_to_one_machine(address: str, inputs: Path, fmt: str) -> None:
    single = run_cli(["clean", "-f", fmt, "-j", "1", "-o", f"one-{fmt}", *ARGS], inputs)
    assert (single.returncode, single.stderr) == (0, "")
    dask = run_cli(["clean", "-f", fmt, "--dask", address, "-o", f"dask-{fmt}", *ARGS], inputs)
    assert (dask.returncode, dask.stderr, dask.stdout) == (0, "", "")
    expected = tree(inputs / f"one-{fmt}")
    assert tree(inputs / f"dask-{fmt}") == expected
    names = set(expected)
    if fmt == "jsonl":
        assert names == {"lakeside-weekly.jsonl", "valley-post.jsonl", "harbour-ferry.jsonl",
                         "gazette.jsonl", "gazette-b.jsonl"}
        first = expected["valley-post.jsonl"].decode().splitlines()[0]
        assert '"url": "https://valley-post.example/2025/03/bridge"' in first
        assert '"crawl": {"status": 200' in first
    else:
        assert len([n for n in names if n.startswith("gazette.")]) == 40
        assert "lakeside-weekly.0005.old-mill-to-become-a-museum-of-local-crafts.txt" in names


def test_local_cluster_and_summary(inputs: Path) -> None:
    single = run_cli(["clean", "-f", "markdown", "-o", "one-md", *ARGS], inputs)
    dask = run_cli(["clean", "-f", "markdown", "--dask", "local", "-j", "2", "--stats",
                    "-o", "dask-md", *ARGS], inputs)
    assert single.returncode == dask.returncode == 0
    assert tree(inputs / "dask-md") == tree(inputs / "one-md")
    [line] = dask.stderr.splitlines()
    assert line.startswith("newsconv: 62 documents, ")
    assert line.endswith(" MB/s")


def test_errors_and_existing_files_as_on_one_machine(address: str, inputs: Path) -> None:
    args = ["clean", "-f", "jsonl", "valley-post.jsonl", "missing.txt", "lakeside-weekly.txt"]
    single = run_cli([*args, "-o", "one-err"], inputs)
    dask = run_cli([*args, "--dask", address, "-o", "dask-err"], inputs)
    assert single.returncode == dask.returncode == 1
    assert single.stderr == dask.stderr == "newsconv: missing.txt: no such file or directory\n"
    assert tree(inputs / "dask-err") == tree(inputs / "one-err")
    # a second run into the same folder: existing files are errors...
    again = run_cli([*args, "--dask", address, "-o", "dask-err"], inputs)
    assert again.returncode == 1
    assert "valley-post.jsonl exists (use --force" in again.stderr
    # ...unless skipped or overwritten
    for flag in ("--skip-existing", "--force"):
        ok = run_cli(["clean", "-f", "jsonl", flag, "valley-post.jsonl", "--dask", address,
                      "-o", "dask-err"], inputs)
        assert (ok.returncode, ok.stderr) == (0, "")
    assert tree(inputs / "dask-err") == tree(inputs / "one-err")


def test_inputs_with_the_same_stem_run_in_input_order(address: str, tmp_path: Path) -> None:
    """``a/news.txt`` and ``b/news.txt`` share a stem: one machine names the second one's
    files ``news.~2...`` because it comes second; so must the cluster."""
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "news.txt").write_text(dump(3, seed=ord(sub)), encoding="utf-8")
    for fmt in ("text", "jsonl"):
        single = run_cli(["clean", "-f", fmt, "-o", f"one-{fmt}", "a", "b"], tmp_path)
        dask = run_cli(["clean", "-f", fmt, "--dask", address, "-o", f"dask-{fmt}", "a", "b"],
                       tmp_path)
        assert (dask.returncode, dask.stderr) == (single.returncode, single.stderr) == (0, "")
        assert tree(tmp_path / f"dask-{fmt}") == tree(tmp_path / f"one-{fmt}")
    jsonl = tree(tmp_path / "one-jsonl")
    assert sorted(jsonl) == ["news.jsonl", "news.~2.jsonl"]
    assert b'"source": "b/news.txt"' in jsonl["news.~2.jsonl"]


# --- without a cluster ------------------------------------------------------------------

def test_local_inputs_are_named_as_on_one_machine(inputs: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(inputs)
    args = [*ARGS, "missing.txt"]
    found = list(expand_inputs(args))
    assert [f if isinstance(f, InputError) else f[0] for f in found] == list(expand_paths(args))
    assert all(os.path.isabs(f[1]) for f in found if not isinstance(f, InputError))
    assert ".partial.txt" not in str(found)


def test_urls_are_listed_through_fsspec(inputs: Path) -> None:
    base = inputs.as_uri()
    found = list(expand_inputs([f"{base}/shards", f"{base}/*.jsonl", f"{base}/nothing-*.txt",
                                f"{base}/absent.txt", "nosuch://bucket/dump.txt"]))
    names = [f.message if isinstance(f, InputError) else f[0] for f in found]
    assert names == [f"{base}/shards/2025/gazette-b.txt", f"{base}/shards/2025/gazette.txt.gz",
                     f"{base}/shards/harbour-ferry.txt.gz", f"{base}/valley-post.jsonl",
                     "matches no files", "no such file or directory",
                     "cannot list: Protocol not known: nosuch"]


def test_a_task_is_the_single_machine_run(inputs: Path, tmp_path: Path) -> None:
    """``clean_shard`` run in this process (as a worker runs it) writes what the CLI writes,
    reading a URL; the report holds only counts and error lines."""
    url = (inputs / "lakeside-weekly.txt").as_uri()
    report = clean_shard((("lakeside-weekly.txt", url),), str(tmp_path / "shard"), Config(),
                         ReadOptions(), RenderOptions("jsonl"))
    assert (report.stats.documents, report.stats.articles, report.errors) == (5, 5, ())
    single = run_cli(["clean", "-f", "jsonl", "-o", str(tmp_path / "one"),
                      "lakeside-weekly.txt"], inputs)
    assert single.returncode == 0
    assert tree(tmp_path / "shard") == tree(tmp_path / "one")


def test_shards_group_colliding_stems() -> None:
    files = [("a/x.txt", "/a/x.txt"), ("y.jsonl", "/y.jsonl"), ("b/x.txt.gz", "/b/x.txt.gz")]
    assert plan_shards(files) == [(files[0], files[2]), (files[1],)]


def test_missing_dask_is_a_one_line_usage_error(inputs: Path) -> None:
    code = ("import sys; sys.modules['distributed'] = None; from newsconv.cli import main; "
            "main(['clean', '--dask', 'local', '-o', 'never', 'lakeside-weekly.txt'])")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=inputs, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr == ("newsconv: --dask needs dask.distributed and fsspec: "
                             "pip install 'newsconv[dask]'\n")
    assert not (inputs / "never").exists()


@pytest.mark.parametrize("args", [["lakeside-weekly.txt"], ["--keep-dropped", "d.jsonl", "-o",
                                                            "x", "lakeside-weekly.txt"]])
def test_usage_errors(inputs: Path, args: list[str]) -> None:
    result = run_cli(["clean", "--dask", "local", *args], inputs)
    assert result.returncode == 2
    assert "Error:" in result.stderr
