"""A broken index on disk: `interviewer search` says what is wrong in one line, `build` repairs it.

The search runs as a real subprocess (the console script a user types), so "one line, exit 2, no
traceback" is checked on the real stderr. The repair runs the real CLI in-process with the
session's already-loaded model, then searches again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.clirun import run_main
from tests.conftest import MODEL_CACHE

INTERVIEWER = str(Path(sys.executable).parent / "interviewer")


def _drop(name: str) -> Callable[[Path], None]:
    return lambda index: (index / name).unlink()


def _truncate(name: str, keep: float) -> Callable[[Path], None]:
    def breaker(index: Path) -> None:
        data = (index / name).read_bytes()
        (index / name).write_bytes(data[: int(len(data) * keep)])

    return breaker


def _replace(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda index: (index / name).write_bytes(data)


def _edit_manifest(**changes: object) -> Callable[[Path], None]:
    def breaker(index: Path) -> None:
        manifest = json.loads((index / "manifest.json").read_text("utf-8"))
        manifest.update(changes)
        (index / "manifest.json").write_text(json.dumps(manifest), "utf-8")

    return breaker


def _chunks_shorter(index: Path) -> None:
    lines = (index / "chunks.jsonl").read_text("utf-8").splitlines(keepends=True)
    (index / "chunks.jsonl").write_text("".join(lines[:-1]), "utf-8")


def _chunks_longer(index: Path) -> None:
    lines = (index / "chunks.jsonl").read_text("utf-8").splitlines()
    extra = json.loads(lines[-1])
    extra["id"] = len(lines)
    lines.append(json.dumps(extra, ensure_ascii=False))
    (index / "chunks.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def _nan_rows(index: Path) -> None:
    """The right size and format, but two rows of NaN (a bad write): search must not trust it."""
    import faiss
    import numpy as np

    stored = faiss.read_index(str(index / "vectors.faiss"))
    vectors = stored.reconstruct_n(0, stored.ntotal)
    vectors[[0, stored.ntotal // 2]] = np.nan
    fresh = faiss.IndexFlatIP(stored.d)
    fresh.add(vectors)
    faiss.write_index(fresh, str(index / "vectors.faiss"))


def _remove_dir(index: Path) -> None:
    for path in index.iterdir():
        path.unlink()
    index.rmdir()


BREAKERS: dict[str, Callable[[Path], None]] = {
    "index folder missing": _remove_dir,
    "vectors.faiss missing": _drop("vectors.faiss"),
    "chunks.jsonl missing": _drop("chunks.jsonl"),
    "questions.jsonl missing": _drop("questions.jsonl"),
    "manifest.json missing": _drop("manifest.json"),
    "vectors.faiss truncated": _truncate("vectors.faiss", 0.5),
    "vectors.faiss empty": _truncate("vectors.faiss", 0.0),
    "vectors.faiss random bytes": _replace("vectors.faiss", os.urandom(4096)),
    "vectors.faiss with NaN rows": _nan_rows,
    "sidecar shorter than index": _chunks_shorter,
    "sidecar longer than index": _chunks_longer,
    "chunks.jsonl garbage line": _replace("chunks.jsonl", b'{"id": 0, "text": \n'),
    "questions.jsonl not utf-8": _replace("questions.jsonl", b"\xff\xfe\xfa" * 50),
    "manifest garbage bytes": _replace("manifest.json", os.urandom(300)),
    "manifest empty object": _replace("manifest.json", b"{}"),
    "manifest is a list": _replace("manifest.json", b"[1, 2, 3]"),
    "manifest future version": _edit_manifest(format_version=99),
    "manifest count disagrees": _edit_manifest(count=7),
    "manifest other dimension": _edit_manifest(dim=768),
    "manifest of another model": _edit_manifest(model_id="some-other-model@1"),
}


def search_cli(corpus: Path, index: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "INTERVIEWER_HOME": str(home),
        "INTERVIEWER_CACHE": str(MODEL_CACHE),
        "HF_HUB_OFFLINE": "1",
    }
    return subprocess.run(
        [INTERVIEWER, "search", "Adam", "--corpus", str(corpus), "--index", str(index)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("fault", list(BREAKERS))
def test_broken_index_is_one_line_then_build_repairs_it(
    fault: str, fresh_index, tmp_path, embedder, monkeypatch, capsys, tally
) -> None:
    corpus, index = fresh_index
    BREAKERS[fault](index)

    done = search_cli(corpus, index, tmp_path / "home")
    assert done.returncode == 2, (fault, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (fault, done.stderr)
    assert "interviewer build" in lines[0]  # the fix is named

    monkeypatch.setattr("interviewer.embedding.model.load_embedder", lambda *a, **k: embedder)
    where = ("--corpus", str(corpus), "--index", str(index))
    rebuilt = run_main(monkeypatch, capsys, "build", *where)
    assert rebuilt.code == 0, (fault, rebuilt.err)
    found = run_main(monkeypatch, capsys, "search", "Adam 和 SGD", "--json", *where)
    assert found.code == 0, (fault, found.err)
    hits = json.loads(found.out)["hits"]
    assert hits and any("Adam" in hit["text"] for hit in hits)
    tally.add("index: broken on disk", 1, 1)


@pytest.mark.parametrize("command", [("search", "Adam"), ("build",), ("questions",)])
def test_a_folder_option_naming_a_file_is_one_line(
    command: tuple[str, ...], tmp_path, monkeypatch, capsys, tally
) -> None:
    """--index (or --corpus) pointing at a regular file: one `error:` line and exit 2, not
    click's three-line usage error."""
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", "utf-8")
    for option in ("--index", "--corpus"):
        run = run_main(monkeypatch, capsys, option, str(a_file), *command)
        assert run.code == 2, (option, run.err)
        lines = run.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (option, run.err)
        assert "is a file, not a folder" in lines[0] and run.out == ""
    tally.add("index: folder option is a file", 2, 2)
