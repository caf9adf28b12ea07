"""The user's corpus in the data directory: their own notes plus the shipped ones, read as one.

Why a folder of links: the checkout's `corpus/` and `index/` are tracked by git, so the user's
notes and the index that includes them must live elsewhere (`paths.user_corpus_dir()`), yet one
build has to read both so near-duplicates group across them and the bank is one bank. Each entry
of the shipped corpus is linked into the user's corpus under its own name, so shipped questions
keep their sources (`csdn-dl-baguwen.txt:12`) and the user's notes stay under `user/`. The links
are refreshed before every build: a `git pull` that adds or removes a shipped file shows up.
"""

from __future__ import annotations

import os
from pathlib import Path

from interviewer.paths import USER_NOTES


def link_shipped(user_corpus: Path, shipped: Path) -> None:
    """Make `user_corpus` hold one link per shipped entry (and nothing stale from earlier ones).

    The user's own `user/` folder is never touched; a shipped entry named `user` (notes an older
    `interviewer add` left in the checkout) is not linked over it.
    """
    user_corpus = Path(user_corpus)
    shipped = Path(shipped).resolve()
    user_corpus.mkdir(parents=True, exist_ok=True)
    wanted = {
        entry.name: entry
        for entry in shipped.iterdir()
        if not entry.name.startswith(".") and entry.name != USER_NOTES
    }
    for existing in user_corpus.iterdir():
        if existing.is_symlink() and existing.name not in wanted:
            existing.unlink()  # the shipped file is gone, or it was renamed
    for name, target in wanted.items():
        link = user_corpus / name
        if link.is_symlink() and os.readlink(link) == str(target):
            continue
        if link.is_symlink():
            link.unlink()  # the checkout moved
        elif link.exists():
            continue  # a real file of the user's own: theirs wins
        link.symlink_to(target, target_is_directory=target.is_dir())
