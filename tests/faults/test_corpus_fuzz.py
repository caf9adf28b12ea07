"""A corpus folder full of things that are not notes: the build skips each one, says so, and still
builds from the good files; it never crashes or hangs.

Two levels: many seeded random files through the corpus pipeline in-process (cheap, so there
can be many), and one hostile folder through the real `interviewer build` command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from random import Random

import pytest

from interviewer.corpus.pipeline import scan_corpus
from interviewer.index.fingerprint import corpus_hashes
from tests.conftest import MODEL_CACHE
from tests.faults.conftest import NOTES

INTERVIEWER = str(Path(sys.executable).parent / "interviewer")
SEED = 61
RANDOM_FILES = 300
ZH = "梯度下降学习率批量归一化过拟合正则化卷积池化注意力机制残差连接损失函数激活函数"


def random_file(rng: Random) -> bytes:
    """One fuzzed file: random bytes, random text in random encodings, or text with odd bytes."""
    kind = rng.randrange(6)
    size = rng.randrange(0, 20_000)
    if kind == 0:
        return rng.randbytes(size)
    text = "".join(
        rng.choice((ZH, "Q1. A1: 1. 2、**？** # \n", "abcdefg xyz\t", "。，；：\n\n"))[
            rng.randrange(5) :
        ]
        for _ in range(size // 20 + 1)
    )
    if kind == 1:
        return text.encode("utf-8")
    if kind == 2:
        return text.encode("gb18030")
    if kind == 3:
        return text.encode("utf-16")
    if kind == 4:  # mixed encodings in one file
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("gb18030")
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randrange(1, 50)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def hostile_folder(root: Path, rng: Random) -> dict[str, str]:
    """Good notes plus every kind of bad file; returns name -> the warning it must produce."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text(NOTES, "utf-8")
    expect = {
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "nul.txt": "binary data",
        "huge.txt": "too large",
        "image.png": "not a notes file (notes are .md, .txt, .markdown, .htm or .html files)",
    }
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_bytes(b" \n\t\n" * 100)
    (root / "nul.txt").write_bytes(b"Q1. \x00\x00 binary" * 100)
    (root / "huge.txt").write_bytes(b"x" * (5 * 1024 * 1024 + 1))
    (root / "image.png").write_bytes(rng.randbytes(1000))
    (root / "one-long-line.txt").write_text("梯度下降，" * 300_000, "utf-8")  # 4.5 MB, one line
    expect["one-long-line.txt"] = "no questions found"
    (root / "gbk-notes.txt").write_bytes(NOTES.replace("Q1.", "问题1:").encode("gbk"))
    (root / "utf16-notes.txt").write_bytes(NOTES.encode("utf-16"))
    deep = root.joinpath(*[f"d{i}" for i in range(60)])
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(NOTES.replace("Adam", "AdamW"), "utf-8")
    if os.name != "nt":
        (root / "loop").symlink_to(root, target_is_directory=True)
        (root / "dangling.txt").symlink_to(root / "gone.txt")
        os.mkfifo(root / "pipe.txt")
        expect["dangling.txt"] = "unreadable"
        expect["pipe.txt"] = "not a regular file"
        expect["loop/"] = "symlink loop"
        bad_names(root)
        expect[r"bad\xff\xfename.txt"] = "file name is not UTF-8"
        expect[r"dir\xff/"] = "folder name is not UTF-8"
    for number in range(8):
        (root / f"fuzz{number}.txt").write_bytes(random_file(rng))
    return expect


def bad_names(root: Path) -> None:
    """A note file and a folder whose names are not UTF-8 (what another OS or an old archive
    leaves behind): `c/bad\xff\xfename.txt`, and a good file inside `c/dir\xff/`."""
    base = os.fsencode(root)
    with open(base + b"/bad\xff\xfename.txt", "wb") as fh:
        fh.write("1.什么是ReLU？\nReLU 是 max(0,x)。\n".encode())
    os.mkdir(base + b"/dir\xff")
    with open(base + b"/dir\xff/inside.txt", "wb") as fh:
        fh.write(NOTES.encode())


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are always Unicode")
def test_a_file_name_that_is_not_utf8_is_skipped_and_named(tmp_path: Path, embedder, tally):
    """It broke every build (the index could not store the name); now it is a warning, and the
    next build is the quick unchanged one."""
    from interviewer.index.build import build_index
    from interviewer.index.store import load_index

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text(NOTES, "utf-8")
    bad_names(corpus)
    reports = [
        build_index(corpus, tmp_path / "i", "multilingual-e5-small", lambda: embedder)
        for _ in range(2)
    ]
    warnings = scan_corpus(corpus).warnings
    assert any(r"bad\xff\xfename.txt" in w and "not UTF-8" in w for w in warnings), warnings
    assert any(r"dir\xff/" in w and "not UTF-8" in w for w in warnings), warnings
    assert reports[0].questions == 6 and reports[1].up_to_date
    assert set(corpus_hashes(corpus)) == {"good.txt"}
    load_index(tmp_path / "i")
    tally.add("corpus: file name not UTF-8", 2, 2)


def test_seeded_random_files_never_crash_the_pipeline(tmp_path: Path, tally) -> None:
    rng = Random(SEED)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(NOTES, "utf-8")
    names = []
    for number in range(RANDOM_FILES):
        suffix = rng.choice((".txt", ".md", ".html", ".htm", ".markdown"))
        name = f"f{number:03d}{suffix}"
        (corpus / name).write_bytes(random_file(rng))
        names.append(name)
    hashes = corpus_hashes(corpus)
    scan = scan_corpus(corpus)  # must not raise: the good file has questions
    reported = {report.path: report for report in scan.files}
    assert set(names) <= set(reported) and set(hashes) == set(reported)
    for name in names:  # every file either yielded items, or is named in a warning
        report = reported[name]
        named = any(name in warning for warning in scan.warnings)
        assert report.items > 0 or named, name
    assert reported["good.txt"].items == 6
    tally.add("corpus: random files (pipeline)", RANDOM_FILES, RANDOM_FILES)


@pytest.mark.slow
def test_a_hostile_folder_builds_through_the_real_cli(tmp_path: Path, tally) -> None:
    corpus = tmp_path / "corpus"
    expect = hostile_folder(corpus, Random(SEED + 1))
    env = {
        **os.environ,
        "INTERVIEWER_HOME": str(tmp_path / "home"),
        "INTERVIEWER_CACHE": str(MODEL_CACHE),
        "HF_HUB_OFFLINE": "1",
        "OMP_NUM_THREADS": "1",
    }
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    done = subprocess.run(
        [INTERVIEWER, "build", *where], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for name, reason in expect.items():
        assert any(name in line and reason in line for line in done.stderr.splitlines()), (
            name,
            reason,
            done.stderr,
        )
    listed = subprocess.run(
        [INTERVIEWER, "questions", "--json", *where], capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0, listed.stderr
    questions = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
    assert len(questions) >= 6  # the good notes, in whatever encodings and depths they came
    tally.add("corpus: hostile folder (CLI build)", len(expect) + 12, len(expect) + 12)
