"""The user's data belongs to the user: a clone used through add, build, practice and report
leaves the checkout as it was (`git status` clean, nothing new under `corpus/` or `index/`), and
everything the user made is under the data directory (INTERVIEWER_HOME)."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from interviewer import paths
from interviewer.config import load_settings
from interviewer.services.root import Services
from interviewer.types.plan import InterviewPlan
from tests.cli.clirun import run_main

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow  # loads the real model and embeds a note (~30 s)

NOTES = """\
## 什么是知识蒸馏？

知识蒸馏用一个大的教师模型的软标签训练一个小的学生模型，让学生学到类别之间的相似关系。

## 什么是混合精度训练？

混合精度训练用 FP16 做前向和反向计算，用 FP32 保存主权重，并用 loss scaling 防止梯度下溢。

## 什么是梯度累积？

梯度累积把几个小 batch 的梯度加起来再更新一次参数，用小显存模拟大 batch。
"""


def _snapshot() -> dict[str, str]:
    """Every file under the checkout's corpus/ and index/ (ignored caches too) -> its hash."""
    files = {}
    for folder in ("corpus", "index"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(REPO).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return files


def _git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", "corpus", "index"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_add_build_practice_report_leave_the_checkout_clean(
    tmp_path, monkeypatch, capsys, isolated_home
):
    before, status = _snapshot(), _git_status()
    notes = tmp_path / "my-notes"
    notes.mkdir()
    (notes / "distill.md").write_text(NOTES, "utf-8")

    added = run_main(monkeypatch, capsys, "add", str(notes))
    assert added.code == 0, added.err
    assert "added user/my-notes/distill.md" in added.out
    assert (isolated_home / "corpus" / "user" / "my-notes" / "distill.md").is_file()
    assert (isolated_home / "index" / "manifest.json").is_file()
    assert "reused" in added.out and "embedded" in added.out

    built = run_main(monkeypatch, capsys, "build")
    assert built.code == 0 and "up to date" in built.out, built.err

    listed = run_main(monkeypatch, capsys, "questions", "--json")
    assert "什么是知识蒸馏" in listed.out  # the user's question ...
    assert "Adam" in listed.out  # ... beside the shipped bank

    settings = load_settings()
    assert settings.index_dir == paths.user_index_dir()
    services = Services.open(settings)
    try:
        interview = services.new_interview(InterviewPlan(count=1, mode="new"))
        turn = interview.next_turn()
        interview.answer(turn, "知识蒸馏就是用教师模型的软标签训练学生模型。", 20.0)
        interview.finish()
    finally:
        services.close()

    report = run_main(monkeypatch, capsys, "report", "--out", str(tmp_path / "report.md"))
    assert report.code == 0, report.err

    assert _git_status() == status
    assert _snapshot() == before


def test_add_a_binary_file_renamed_md_is_refused(tmp_path, monkeypatch, capsys, isolated_home):
    fake = tmp_path / "picture.md"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    result = run_main(monkeypatch, capsys, "add", str(fake))
    assert result.code == 2
    assert result.err.startswith("error: ") and "picture.md" in result.err
    assert "added" not in result.out
    assert not (isolated_home / "corpus" / "user").exists()


def test_shipped_answer_keys_are_read_once_the_user_has_notes(isolated_home) -> None:
    """The user's corpus links the shipped notes folder by folder, and the key loader does not
    follow links: the shipped keys folder must still be among the places keys are read from."""
    from interviewer.index.user_corpus import link_shipped

    notes = isolated_home / "corpus" / "user"
    notes.mkdir(parents=True)
    (notes / "mine.md").write_text(NOTES, "utf-8")
    link_shipped(paths.user_corpus_dir(), paths.shipped_corpus_dir())
    settings = load_settings()
    assert settings.corpus_dir == paths.user_corpus_dir()
    assert settings.key_dirs[0] == paths.shipped_corpus_dir()
    assert settings.key_dirs[-1] == paths.user_keys_dir()  # the user's edits still win
    from interviewer.keys.load import load_keys

    shipped = load_keys([paths.shipped_corpus_dir()])
    assert len(load_keys(settings.key_dirs)) == len(shipped) > 0


def test_build_of_the_shipped_corpus_targets_the_shipped_index(
    tmp_path, monkeypatch, capsys, isolated_home
):
    """With notes of their own, `build --corpus corpus` (a developer refreshing the shipped
    index) must not overwrite the user's index with the shipped notes alone."""
    notes = isolated_home / "corpus" / "user"
    notes.mkdir(parents=True)
    (notes / "mine.md").write_text(NOTES, "utf-8")
    before = _snapshot()
    result = run_main(monkeypatch, capsys, "build", "--corpus", str(REPO / "corpus"))
    assert result.code == 0, result.err
    assert f"index at {REPO / 'index'} is up to date" in result.out  # shipped index, untouched
    assert not (isolated_home / "index").exists()
    assert _snapshot() == before
