"""A build's warnings are said in full once per problem and file content; after that one line
names the files that still have them (interviewer.index.warned)."""

from __future__ import annotations

from pathlib import Path

from interviewer.index import warned

EMPTY = "skipped user/empty.md: empty file"
PROSE = "no questions found in user/prose.txt"
PICTURE = (
    "skipped user/pic.png: not a notes file (notes are .md, .txt, .markdown, .htm or .html files)"
)


def test_the_file_a_line_names():
    assert warned.subject(EMPTY) == "user/empty.md"
    assert warned.subject(PROSE) == "user/prose.txt"
    assert warned.subject("skipped loop/: symlink loop") == "loop/"
    assert warned.subject("could not save x.npz (denied)") == "could not save x.npz (denied)"


def test_a_line_shown_before_about_an_unchanged_file_is_seen(tmp_path: Path):
    cache, corpus = tmp_path / "cache", tmp_path / "corpus"
    files = {"user/empty.md": "e1", "user/prose.txt": "p1", "user/a.md": "a1"}
    lines = [EMPTY, PROSE, PICTURE]
    assert warned.split_seen(cache, corpus, lines, files) == (lines, [])  # nothing shown yet
    warned.remember(cache, corpus, lines, files)
    assert warned.split_seen(cache, corpus, lines, files) == ([], lines)

    edited = {**files, "user/prose.txt": "p2"}  # the user changed it: say it again
    assert warned.split_seen(cache, corpus, lines, edited) == ([PROSE], [EMPTY, PICTURE])
    other = tmp_path / "other-corpus"  # the same lines about another folder were never shown
    assert warned.split_seen(cache, other, lines, files) == (lines, [])


def test_a_problem_fixed_and_back_is_new_again(tmp_path: Path):
    cache, corpus = tmp_path / "cache", tmp_path / "corpus"
    files = {"user/empty.md": "e1"}
    warned.remember(cache, corpus, [EMPTY], files)
    warned.remember(cache, corpus, [], files)  # a build without it
    assert warned.split_seen(cache, corpus, [EMPTY], files) == ([EMPTY], [])


def test_a_damaged_memory_shows_everything(tmp_path: Path):
    cache, corpus = tmp_path / "cache", tmp_path / "corpus"
    warned.remember(cache, corpus, [EMPTY], {})
    (cache / warned.FILE).write_text("{not json", "utf-8")
    assert warned.split_seen(cache, corpus, [EMPTY], {}) == ([EMPTY], [])
    warned.remember(cache, corpus, [EMPTY], {})  # and is replaced
    assert warned.split_seen(cache, corpus, [EMPTY], {}) == ([], [EMPTY])


def test_only_the_latest_corpus_folders_are_kept(tmp_path: Path):
    cache = tmp_path / "cache"
    folders = [tmp_path / f"c{n}" for n in range(warned.ENTRIES + 1)]
    for folder in folders:
        warned.remember(cache, folder, [EMPTY], {})
    assert warned.split_seen(cache, folders[0], [EMPTY], {}) == ([EMPTY], [])
    assert warned.split_seen(cache, folders[-1], [EMPTY], {}) == ([], [EMPTY])


def test_the_reminder_is_one_line_naming_the_files():
    one = warned.reminder([EMPTY])
    assert one == "1 problem reported by an earlier build remains: user/empty.md"
    many = [f"skipped user/{n}.md: empty file" for n in range(6)]
    line = warned.reminder(many)
    assert line.startswith("6 problems reported by an earlier build remain: user/0.md, ")
    assert line.endswith("user/3.md and 2 more") and "\n" not in line
