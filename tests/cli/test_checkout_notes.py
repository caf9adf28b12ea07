"""`build`, `add` and the launch move notes an earlier version left in the checkout's
`corpus/user/` before anything reads the notes, and say so in one line (a temp checkout, never
the real one; the build itself is stubbed: its own tests are elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer import paths
from tests.cli.clirun import run_main


@pytest.fixture
def checkout(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "checkout"
    (root / "corpus" / "user" / "old").mkdir(parents=True)
    (root / "corpus" / "shipped.txt").write_text("1.BN的作用?\n加快收敛\n", "utf-8")
    (root / "corpus" / "user" / "old" / "mine.md").write_text("## Adam?\n自适应\n", "utf-8")
    (root / "index").mkdir()
    monkeypatch.setattr(paths, "project_root", lambda: root)
    return root


@pytest.fixture
def builds(monkeypatch) -> list:
    """Settings each build was asked for (instead of building)."""
    seen: list = []
    monkeypatch.setattr("interviewer.cli.build.run_build", lambda s, force=False: seen.append(s))
    return seen


def test_build_moves_the_notes_first_and_builds_the_users_corpus(
    checkout, builds, isolated_home, monkeypatch, capsys
):
    done = run_main(monkeypatch, capsys, "build")

    assert done.code == 0, done.err
    moved = isolated_home / "corpus" / "user" / "old" / "mine.md"
    assert moved.read_text("utf-8") == "## Adam?\n自适应\n"
    assert not (checkout / "corpus" / "user").exists()
    lines = [line for line in done.err.splitlines() if "moved" in line]
    assert len(lines) == 1 and "moved 1 note " in lines[0] and str(checkout / "corpus") in lines[0]
    assert [s.corpus_dir for s in builds] == [isolated_home / "corpus"]


def test_add_moves_them_too(checkout, builds, isolated_home, tmp_path, monkeypatch, capsys):
    new = tmp_path / "new.md"
    new.write_text("## 什么是dropout？\n随机置零\n", "utf-8")

    done = run_main(monkeypatch, capsys, "add", str(new))

    assert done.code == 0, done.err
    assert "moved 1 note " in done.err
    assert (isolated_home / "corpus" / "user" / "old" / "mine.md").is_file()
    assert (isolated_home / "corpus" / "user" / "new.md").is_file()


def test_nothing_said_when_there_is_nothing_to_move(
    checkout, builds, isolated_home, monkeypatch, capsys
):
    (checkout / "corpus" / "user" / "old" / "mine.md").unlink()
    done = run_main(monkeypatch, capsys, "build")
    assert done.code == 0 and "moved" not in done.err
    assert [s.corpus_dir for s in builds] == [checkout / "corpus"]  # still the shipped notes


def test_launch_moves_them_and_builds_the_users_index_before_the_app(
    checkout, builds, isolated_home, monkeypatch, capsys
):
    started = []

    class App:
        grading_in_flight = False

        def run(self):
            started.append(len(builds))

        def exit_message(self):
            return ""

    monkeypatch.setattr("interviewer.tui.app.make_app", lambda *a, **k: App())
    done = run_main(monkeypatch, capsys, "practice")

    assert done.code == 0, done.err
    assert "moved 1 note " in done.err
    assert started == [1]  # the user's index was built before the interview started
    assert builds[0].index_dir == isolated_home / "index"
