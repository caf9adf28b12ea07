"""Notes an earlier version copied into the checkout's `corpus/user/` move to the user's notes
folder: nothing overwritten, nothing tracked touched, `git status` clean afterwards. Each test
builds its own checkout layout (a git repository in a temp folder), never the real one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from interviewer.index.checkout_notes import adopt_checkout_notes

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _checkout(tmp_path: Path, *, git: bool = True) -> Path:
    """A checkout like the real one: shipped notes and index committed, nothing else."""
    root = tmp_path / "checkout"
    (root / "corpus").mkdir(parents=True)
    (root / "corpus" / "shipped.txt").write_text("1.BN的作用?\n加快收敛\n", "utf-8")
    (root / "index").mkdir()
    manifest = {"corpus_files": {"shipped.txt": "aa"}, "count": 1}
    (root / "index" / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    (root / "index" / "chunks.jsonl").write_text('{"id": 0}\n', "utf-8")
    (root / "index" / "text_vectors.npz").write_bytes(b"shipped")
    if git:
        _git(root, "init", "-q")
        _git(root, "add", ".")
        _git(root, "commit", "-q", "-m", "shipped")
    return root


def _old_add(root: Path, files: dict[str, str]) -> None:
    """What an earlier `interviewer add` left behind: notes in corpus/user/."""
    for rel, text in files.items():
        path = root / "corpus" / "user" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


@needs_git
def test_untracked_notes_move_to_the_users_folder_and_git_status_is_clean(tmp_path):
    root = _checkout(tmp_path)
    _old_add(root, {"mine/a.md": "## Adam?\n自适应", "mine/cv/b.txt": "1.池化?\n降采样"})
    assert "corpus/user/" in _git(root, "status", "--porcelain")
    home = tmp_path / "home" / "corpus"

    report = adopt_checkout_notes(root / "corpus", home)

    assert report is not None
    assert report.moved == ["mine/a.md", "mine/cv/b.txt"]
    assert (home / "user" / "mine" / "cv" / "b.txt").read_text("utf-8") == "1.池化?\n降采样"
    assert not (root / "corpus" / "user").exists()
    assert _git(root, "status", "--porcelain", "--untracked-files=all") == ""
    line = report.summary()
    assert "\n" not in line and "moved 2 notes" in line and str(home / "user") in line
    assert adopt_checkout_notes(root / "corpus", home) is None  # nothing left: a no-op


@needs_git
def test_a_different_file_of_the_same_name_is_kept_beside_it_never_overwritten(tmp_path):
    root = _checkout(tmp_path)
    _old_add(root, {"a.md": "checkout's version", "same.md": "identical", "b.md": "new"})
    mine = tmp_path / "home" / "corpus" / "user"
    mine.mkdir(parents=True)
    (mine / "a.md").write_text("the user's newer version", "utf-8")
    (mine / "a.from-checkout.md").write_text("yet another", "utf-8")
    (mine / "same.md").write_text("identical", "utf-8")

    report = adopt_checkout_notes(root / "corpus", mine.parent)

    assert report is not None
    assert (mine / "a.md").read_text("utf-8") == "the user's newer version"
    assert (mine / "a.from-checkout.md").read_text("utf-8") == "yet another"
    assert (mine / "a.from-checkout-2.md").read_text("utf-8") == "checkout's version"
    assert (mine / "b.md").read_text("utf-8") == "new"
    assert (mine / "same.md").read_text("utf-8") == "identical"
    assert report.renamed == ["a.from-checkout-2.md"] and report.already == ["same.md"]
    assert "a.from-checkout-2.md kept beside a different file" in report.summary()
    assert not (root / "corpus" / "user").exists()
    assert _git(root, "status", "--porcelain", "--untracked-files=all") == ""


@needs_git
def test_notes_git_tracks_stay_where_they_are(tmp_path):
    root = _checkout(tmp_path)
    _old_add(root, {"committed.md": "someone committed this"})
    _git(root, "add", "corpus/user/committed.md")
    _git(root, "commit", "-q", "-m", "notes")
    _old_add(root, {"loose.md": "never committed"})
    home = tmp_path / "home" / "corpus"

    report = adopt_checkout_notes(root / "corpus", home)

    assert report is not None and report.moved == ["loose.md"]
    assert report.tracked == ["committed.md"] and "committed" not in report.summary()
    assert (root / "corpus" / "user" / "committed.md").is_file()
    assert not (home / "user" / "committed.md").exists()
    assert _git(root, "status", "--porcelain", "--untracked-files=all") == ""
    assert adopt_checkout_notes(root / "corpus", home) is None  # tracked notes: nothing to say


@needs_git
def test_a_tracked_index_built_from_those_notes_is_put_back(tmp_path):
    root = _checkout(tmp_path)
    committed = (root / "index" / "manifest.json").read_text("utf-8")
    _old_add(root, {"mine.md": "## Adam?\n自适应"})
    polluted = {"corpus_files": {"shipped.txt": "aa", "user/mine.md": "bb"}, "count": 2}
    (root / "index" / "manifest.json").write_text(json.dumps(polluted), "utf-8")
    (root / "index" / "chunks.jsonl").write_text('{"id": 0}\n{"id": 1}\n', "utf-8")
    (root / "index" / "text_vectors.npz").write_bytes(b"rebuilt")

    report = adopt_checkout_notes(root / "corpus", tmp_path / "home" / "corpus")

    assert report is not None and report.index_restored
    assert (root / "index" / "manifest.json").read_text("utf-8") == committed
    assert (root / "index" / "text_vectors.npz").read_bytes() == b"shipped"
    assert _git(root, "status", "--porcelain", "--untracked-files=all") == ""
    assert "index/ is the shipped one again" in report.summary()


@needs_git
def test_an_index_someone_rebuilt_from_the_shipped_notes_is_left_alone(tmp_path):
    root = _checkout(tmp_path)
    _old_add(root, {"mine.md": "## Adam?\n自适应"})
    rebuilt = {"corpus_files": {"shipped.txt": "cc"}, "count": 1}  # a developer's rebuild
    (root / "index" / "manifest.json").write_text(json.dumps(rebuilt), "utf-8")

    report = adopt_checkout_notes(root / "corpus", tmp_path / "home" / "corpus")

    assert report is not None and not report.index_restored
    assert json.loads((root / "index" / "manifest.json").read_text("utf-8")) == rebuilt


def test_without_git_everything_moves(tmp_path):
    root = _checkout(tmp_path, git=False)
    _old_add(root, {"a.md": "## Adam?\n自适应", ".hidden": "x"})
    home = tmp_path / "home" / "corpus"

    report = adopt_checkout_notes(root / "corpus", home)

    assert report is not None and sorted(report.moved) == [".hidden", "a.md"]
    assert not (root / "corpus" / "user").exists()


def test_nothing_to_do_without_a_user_folder_or_with_only_empty_folders(tmp_path):
    root = _checkout(tmp_path, git=False)
    home = tmp_path / "home" / "corpus"
    assert adopt_checkout_notes(root / "corpus", home) is None
    (root / "corpus" / "user" / "empty").mkdir(parents=True)
    assert adopt_checkout_notes(root / "corpus", home) is None
    assert not home.exists()


def test_the_users_own_corpus_is_never_moved_into_itself(tmp_path):
    home = tmp_path / "home" / "corpus"
    _old_add(home.parent, {"a.md": "x"})  # home/corpus/user/a.md: the user's own notes
    assert adopt_checkout_notes(home, home) is None
    assert (home / "user" / "a.md").is_file()
