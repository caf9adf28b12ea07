from pathlib import Path

import pytest

from interviewer.errors import CorpusError
from interviewer.index.user_notes import add_notes


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    return tmp_path / "corpus"


def _notes(root: Path) -> Path:
    (root / "mine" / "cv").mkdir(parents=True)
    (root / "mine" / "a.md").write_text("BN的作用?\n加快收敛", "utf-8")
    (root / "mine" / "cv" / "b.txt").write_text("池化层的作用", "utf-8")
    (root / "mine" / "cv" / "pic.png").write_bytes(b"\x89PNG")
    (root / "mine" / ".hidden.md").write_text("secret", "utf-8")
    return root / "mine"


def test_folders_keep_their_structure_and_non_notes_are_skipped(tmp_path, corpus):
    report = add_notes([_notes(tmp_path)], corpus)
    assert report.copied == ["user/mine/a.md", "user/mine/cv/b.txt"]
    assert (corpus / "user/mine/cv/b.txt").read_text("utf-8") == "池化层的作用"
    (warning,) = report.warnings
    assert "pic.png: not a notes file (notes are .md, .txt, .markdown, .htm or .html" in warning
    assert not (corpus / "user/mine/.hidden.md").exists()


def test_adding_the_same_files_again_changes_nothing(tmp_path, corpus):
    notes = _notes(tmp_path)
    add_notes([notes], corpus)
    again = add_notes([notes], corpus)
    assert again.copied == [] and again.unchanged == ["user/mine/a.md", "user/mine/cv/b.txt"]


def test_a_different_file_of_the_same_name_is_refused_unless_forced(tmp_path, corpus):
    notes = _notes(tmp_path)
    add_notes([notes / "a.md"], corpus)
    (notes / "a.md").write_text("改过的笔记", "utf-8")
    (notes / "new.md").write_text("新笔记", "utf-8")
    with pytest.raises(CorpusError, match="user/a.md already exists .* --force") as err:
        add_notes([notes / "new.md", notes / "a.md"], corpus)
    assert "\n" not in str(err.value)
    assert not (corpus / "user/new.md").exists()  # checked before anything was copied
    assert (corpus / "user/a.md").read_text("utf-8") == "BN的作用?\n加快收敛"
    report = add_notes([notes / "a.md"], corpus, force=True)
    assert report.copied == ["user/a.md"]
    assert (corpus / "user/a.md").read_text("utf-8") == "改过的笔记"


def test_missing_path_is_one_line_and_adds_nothing(tmp_path, corpus):
    notes = _notes(tmp_path)
    with pytest.raises(CorpusError, match="does not exist: nothing was added"):
        add_notes([notes / "a.md", tmp_path / "typo.md"], corpus)
    assert not (corpus / "user").exists()


def test_only_non_notes_is_an_error_that_names_the_kinds_read(tmp_path, corpus):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(CorpusError) as err:
        add_notes([tmp_path / "x.pdf"], corpus)
    message = str(err.value)
    assert message.startswith(f"{tmp_path / 'x.pdf'} is not a notes file (notes are ")
    assert "\n" not in message and message.endswith("nothing was added")
    for suffix in (".txt", ".md", ".markdown", ".html"):
        assert f" {suffix}," in message or f" {suffix} " in message

    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "a.png").write_bytes(b"\x89PNG")
    with pytest.raises(CorpusError, match=r"no notes files among .*\(notes are .*\.txt.*\.html"):
        add_notes([tmp_path / "scans", tmp_path / "x.pdf"], corpus)
    assert not (corpus / "user").exists()


def test_paths_already_in_the_corpus_are_refused(corpus):
    (corpus / "mine.md").write_text("x", "utf-8")
    with pytest.raises(CorpusError, match="already inside the corpus"):
        add_notes([corpus / "mine.md"], corpus)


def test_a_binary_file_renamed_md_is_refused_before_copying(tmp_path, corpus):
    picture = tmp_path / "photo.md"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(CorpusError, match="photo.md is not a notes file .*nothing was added"):
        add_notes([picture], corpus)
    assert not (corpus / "user").exists()


def test_a_binary_file_inside_a_folder_is_skipped_not_copied(tmp_path, corpus):
    notes = _notes(tmp_path)
    (notes / "scan.md").write_bytes(b"\x00\x01\x02binary")
    report = add_notes([notes], corpus)
    assert "user/mine/scan.md" not in report.copied
    assert not (corpus / "user/mine/scan.md").exists()
    assert any("scan.md" in w and "binary" in w for w in report.warnings)
