"""Reading a corpus folder: what is read, what is skipped (with a warning), what is an error."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from interviewer.corpus.pipeline import MAX_FILE_BYTES, extract_file, find_files, scan_corpus
from interviewer.errors import CorpusError

from .helpers import PAGES, SEEDS

GOOD = "1.SGD是什么?\n随机梯度下降。\n2.Adam是什么?\n自适应矩估计。\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "sub" / "b.md").write_bytes(GOOD.replace("SGD", "RMSprop").encode("gbk"))
    return root


def test_seed_corpus_reports(tmp_path: Path) -> None:
    scan = scan_corpus(SEEDS)
    assert [(f.path, f.items, f.encoding) for f in scan.files] == [
        ("360doc-dl-basics-review.txt", 14, "utf-8"),
        ("csdn-dl-baguwen.txt", 31, "utf-8"),
        ("dl-interview-question-list.txt", 88, "utf-8"),
        ("elefans-dl-interview-questions.txt", 16, "utf-8"),
        ("nowcoder-dl-interview-1-5.txt", 6, "utf-8"),
    ]  # README.md is not notes
    assert scan.warnings == []
    assert all(len(f.sha256) == 64 and f.skipped is None for f in scan.files)
    paths = [item.source.path for item in scan.items]
    assert paths == sorted(paths)


def test_items_come_in_file_then_source_order(corpus: Path) -> None:
    scan = scan_corpus(corpus)
    assert [(i.source.path, i.source.line_start) for i in scan.items] == [
        ("a.txt", 1),
        ("a.txt", 3),
        ("sub/b.md", 1),
        ("sub/b.md", 3),
    ]
    assert scan.files[1].encoding == "gb18030"


def test_bad_files_are_skipped_with_a_warning_naming_them(corpus: Path) -> None:
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "random.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    (corpus / "huge.txt").write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    (corpus / "slides.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "chatter.txt").write_text("今天天气不错。\n", encoding="utf-8")
    scan = scan_corpus(corpus)
    assert len(scan.items) == 4
    warnings = "\n".join(scan.warnings)
    assert "skipped binary.txt: binary data" in warnings
    assert "skipped empty.md: empty file" in warnings
    assert "skipped random.txt: not UTF-8 or GB18030 text" in warnings
    assert "skipped huge.txt: too large" in warnings
    assert (
        "skipped slides.pdf: not a notes file (notes are .md, .txt, .markdown, .htm or .html files)"
        in warnings
    )
    assert "no questions found in chatter.txt" in warnings
    assert all("\n" not in w for w in scan.warnings)
    skipped = {f.path: f for f in scan.files if f.skipped}
    assert set(skipped) == {"binary.txt", "empty.md", "random.txt", "huge.txt"}
    # skipped files still carry their hash, so the index can tell when they change
    assert (
        hashlib.sha256((corpus / "huge.txt").read_bytes()).hexdigest() == skipped["huge.txt"].sha256
    )
    assert all(f.encoding is None and f.items == 0 for f in skipped.values())


def test_hidden_files_and_readmes_are_not_notes(corpus: Path) -> None:
    (corpus / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "notes.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "README.md").write_text(GOOD, encoding="utf-8")
    (corpus / "sub" / "readme.txt").write_text(GOOD, encoding="utf-8")
    files, warnings = find_files(corpus)
    assert [rel for _, rel in files] == ["a.txt", "sub/b.md"]
    assert warnings == []


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_symlink_loops_and_broken_links_do_not_hang_or_crash(corpus: Path) -> None:
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "dangling.txt").symlink_to(corpus / "missing.txt")
    scan = scan_corpus(corpus)
    assert any("symlink loop" in w for w in scan.warnings)
    assert any(w.startswith("skipped dangling.txt: unreadable") for w in scan.warnings)
    assert len(scan.items) == 4


@pytest.mark.skipif(os.name == "nt", reason="named pipes")
def test_a_named_pipe_is_skipped_not_read_forever(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")  # opening it for reading would block until a writer comes
    scan = scan_corpus(corpus)
    assert "skipped pipe.txt: not a regular file" in scan.warnings
    assert len(scan.items) == 4


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_skipped(corpus: Path) -> None:
    locked = corpus / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    scan = scan_corpus(corpus)
    assert any(w.startswith("skipped locked.txt: unreadable") for w in scan.warnings)


def test_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="corpus folder not found") as err:
        scan_corpus(tmp_path / "nope")
    assert "\n" not in str(err.value)


def test_folder_without_questions_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("只是一些随笔。\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no questions found") as err:
        scan_corpus(tmp_path)
    assert "\n" not in str(err.value)


def test_extract_file_reports_without_an_embedder(tmp_path: Path) -> None:
    shutil.copy(PAGES / "cnblogs-numbered-gbk.txt", tmp_path / "p.txt")
    items, report = extract_file(tmp_path / "p.txt", "notes/p.txt")
    assert report.path == "notes/p.txt" and report.encoding == "gb18030"
    assert report.items == len(items) == 7
    assert all(item.source.path == "notes/p.txt" for item in items)
