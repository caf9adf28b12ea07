"""Corpus hashes are remembered under a signature of the folder: a later command reuses them
without importing the parser, and any change to the notes is seen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from interviewer.index import fingerprint
from interviewer.index.fingerprint import corpus_hashes

REPO = Path(__file__).resolve().parents[2]


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("1.BN的作用?\n加快收敛\n", "utf-8")
    (corpus / "sub" / "b.md").write_text("## Adam?\n自适应\n", "utf-8")
    (corpus / "keys.toml").write_text("x = 1\n", "utf-8")  # not a note
    return corpus


def _fresh(corpus: Path) -> dict[str, str]:
    """The hashes computed from scratch, the memo ignored."""
    from interviewer.corpus.pipeline import file_sha256, find_files

    return {rel: file_sha256(path) for path, rel in find_files(corpus)[0]}


def test_a_second_call_reuses_the_hashes_and_every_change_is_seen(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    first = corpus_hashes(corpus)
    assert set(first) == {"a.txt", "sub/b.md"} and first == _fresh(corpus)

    import interviewer.corpus.pipeline as pipeline

    def no_hashing(path):
        raise AssertionError("an unchanged folder must not be hashed again")

    monkeypatch.setattr(pipeline, "file_sha256", no_hashing)
    assert corpus_hashes(corpus) == first
    monkeypatch.undo()

    path = corpus / "a.txt"
    stat = path.stat()
    path.write_text("1.LN的作用?\n加快收敛\n", "utf-8")  # same size, same mtime put back
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert corpus_hashes(corpus) == _fresh(corpus) != first

    (corpus / "sub" / "c.txt").write_text("1.dropout?\n随机置零\n", "utf-8")
    assert "sub/c.txt" in corpus_hashes(corpus)
    (corpus / "sub" / "b.md").rename(corpus / "sub" / "d.md")
    assert set(corpus_hashes(corpus)) == {"a.txt", "sub/c.txt", "sub/d.md"}
    (corpus / "sub" / "c.txt").unlink()
    assert corpus_hashes(corpus) == _fresh(corpus)


def test_a_damaged_memo_is_only_a_miss(tmp_path):
    corpus = _corpus(tmp_path)
    corpus_hashes(corpus)
    fingerprint._memo_file().write_text("{not json", "utf-8")
    assert corpus_hashes(corpus) == _fresh(corpus)
    fingerprint._memo_file().write_text('{"x": 1}', "utf-8")
    assert corpus_hashes(corpus) == _fresh(corpus)


def test_only_the_newest_folders_are_remembered(tmp_path):
    for n in range(fingerprint.MEMO_ENTRIES + 3):
        corpus_hashes(_corpus(tmp_path / str(n)))
    import json

    memo = json.loads(fingerprint._memo_file().read_text("utf-8"))
    assert len(memo) == fingerprint.MEMO_ENTRIES


def test_an_unchanged_corpus_is_checked_without_importing_the_parser(tmp_path):
    corpus = _corpus(tmp_path)
    corpus_hashes(corpus)
    code = (
        "import sys; from interviewer.index.fingerprint import corpus_hashes\n"
        f"corpus_hashes({str(corpus)!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith(('interviewer.corpus.', 'numpy'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"
