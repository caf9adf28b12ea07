"""The user's corpus links the shipped notes beside their own, and follows the checkout."""

from pathlib import Path

from interviewer.index.user_corpus import link_shipped


def test_links_follow_the_shipped_notes_and_never_touch_the_users(tmp_path: Path) -> None:
    shipped, mine = tmp_path / "checkout" / "corpus", tmp_path / "home" / "corpus"
    shipped.mkdir(parents=True)
    (shipped / "a.txt").write_text("A", "utf-8")
    (shipped / "b.txt").write_text("B", "utf-8")
    (shipped / "user").mkdir()  # notes an older `add` left in the checkout
    (mine / "user").mkdir(parents=True)
    (mine / "user" / "own.md").write_text("mine", "utf-8")

    link_shipped(mine, shipped)
    assert (mine / "a.txt").is_symlink() and (mine / "a.txt").read_text("utf-8") == "A"
    assert not (mine / "user").is_symlink()

    (shipped / "b.txt").unlink()  # a `git pull` removed one file and added another
    (shipped / "c.txt").write_text("C", "utf-8")
    link_shipped(mine, shipped)
    assert sorted(p.name for p in mine.iterdir()) == ["a.txt", "c.txt", "user"]
    assert (mine / "user" / "own.md").read_text("utf-8") == "mine"
