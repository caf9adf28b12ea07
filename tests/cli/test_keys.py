"""`interviewer keys`: list and show keys (drafts from the notes where none was written), edit
into the data directory, check files, and draft keys with the LLM over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.keys.load import read_key
from tests.cli.clirun import run_main
from tests.cli.test_questions import index_dir  # noqa: F401 - the fixture
from tests.support import llm_server as srv

BN_KEY = """# Answer key written for the interviewer bank by the team.
ids = ["bn"]
question = "BN的作用"
[[points]]
text = "BN 对每个 batch 减均值除以标准差，让训练更稳定。"
concepts = [["均值", "mean"], ["标准差", "方差"]]
ask = "BN 具体怎么做标准化？"
"""


def _keys(monkeypatch, capsys, index_dir: Path, *args: str):  # noqa: F811
    corpus = index_dir.parent / "corpus"
    return run_main(
        monkeypatch, capsys, "keys", "--index", str(index_dir), "--corpus", str(corpus), *args
    )


@pytest.fixture
def keyed(index_dir: Path) -> Path:  # noqa: F811
    (index_dir.parent / "corpus" / "bn.toml").write_text(BN_KEY, encoding="utf-8")
    return index_dir


def test_listing_says_which_questions_have_keys(monkeypatch, capsys, keyed) -> None:
    run = _keys(monkeypatch, capsys, keyed)
    assert run.code == 0
    assert "bn  bank  1 points, 0 misconceptions  BN的作用" in run.out
    assert "nms  none" in run.out
    assert "1 of 3 questions have a key" in run.out


def test_show_prints_the_key_or_a_draft_from_the_notes(monkeypatch, capsys, keyed) -> None:
    run = _keys(monkeypatch, capsys, keyed, "show", "bn", "--json")
    assert run.code == 0 and json.loads(run.out)["points"][0]["ask"] == "BN 具体怎么做标准化？"
    missing = _keys(monkeypatch, capsys, keyed, "show", "nope")
    assert missing.code == 2 and missing.err.startswith("error: no question 'nope'")


def test_a_question_id_after_keys_shows_its_key(monkeypatch, capsys, keyed) -> None:
    """`interviewer keys QID [--json]`, as the README's first form reads, is `keys show QID`."""
    shown = _keys(monkeypatch, capsys, keyed, "bn", "--json")
    assert shown.code == 0 and json.loads(shown.out)["question"] == "BN的作用"
    assert _keys(monkeypatch, capsys, keyed, "bn").out == _keys(
        monkeypatch, capsys, keyed, "show", "bn"
    ).out
    missing = _keys(monkeypatch, capsys, keyed, "nope")
    assert missing.code == 2 and missing.err.startswith("error: no question 'nope'")


def test_edit_copies_the_key_into_the_data_dir_and_the_copy_wins(
    monkeypatch, capsys, keyed, tmp_path
) -> None:
    monkeypatch.setenv("EDITOR", "true")  # the user saved without changes
    run = _keys(monkeypatch, capsys, keyed, "edit", "bn")
    assert run.code == 0 and "saved" in run.out
    from interviewer import paths

    mine, problem = read_key(paths.user_keys_dir() / "bn.toml")
    assert mine is not None, problem
    assert mine.origin.value == "user"
    assert "bn  user" in _keys(monkeypatch, capsys, keyed).out


def test_an_editor_that_fails_is_one_error_line(monkeypatch, capsys, keyed) -> None:
    monkeypatch.setenv("EDITOR", "false")  # the editor exits non-zero
    run = _keys(monkeypatch, capsys, keyed, "edit", "bn")
    assert run.code == 2
    assert run.err.startswith("error: ") and "Editing failed" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_check_names_the_file_line_and_problem(monkeypatch, capsys, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BN_KEY.replace("BN 对每个 batch", "一方面，"), encoding="utf-8")
    run = run_main(monkeypatch, capsys, "keys", "check", str(bad))
    assert run.code == 2
    assert f"{bad}:5: points.0.text" in run.out


def test_draft_asks_the_llm_once_checks_and_saves_and_never_replaces_an_edit(
    monkeypatch, capsys, keyed, llm_server
) -> None:
    monkeypatch.setenv("INTERVIEWER_LLM_BASE_URL", llm_server.base_url)
    monkeypatch.setenv("INTERVIEWER_LLM_MODEL", srv.MODEL)
    draft = {
        "points": [
            {
                "text": "NMS 按置信度排序，保留最高分的框，删除与它 IoU 超过阈值的框，再重复。",
                "core": True,
                "concepts": [["置信度", "score"], ["iou", "重叠"]],
                "ask": "NMS 是按什么删框的？",
                "examples": ["先按 score 排序 然后把和最高分框 IoU 太大的删掉"],
                "misconceptions": [
                    {
                        "claim": "NMS 删掉置信度最高的框",
                        "says": [["删"], ["最高"]],
                        "correction": "保留最高分的框，删除与它重叠大的框。",
                        "examples": ["NMS 会把置信度高的框都保留"],  # not flagged: dropped
                    }
                ],
            }
        ]
    }
    llm_server.script(srv.json_reply(draft))
    run = _keys(monkeypatch, capsys, keyed, "draft", "nms")
    assert run.code == 0 and "nms  drafted" in run.out, run.out + run.err
    from interviewer import paths

    saved, problem = read_key(paths.user_keys_dir() / "nms.toml")
    assert saved is not None, problem
    assert saved.origin.value == "llm" and saved.points[0].misconceptions == []
    again = _keys(monkeypatch, capsys, keyed, "draft", "nms")
    assert "kept   draft of these notes" in again.out
    assert len(llm_server.chat_requests) == 1
    kept = _keys(monkeypatch, capsys, keyed, "draft", "bn")
    assert "kept   bank key" in kept.out


def test_a_question_with_nothing_to_draft_from_gets_a_blank_key_to_fill_in(
    monkeypatch, capsys, keyed
) -> None:
    """'nms' has no answer in the notes: `show` says how to start a key (it used to say the
    question did not exist), `edit` opens a blank one."""
    shown = _keys(monkeypatch, capsys, keyed, "show", "nms")
    assert shown.code == 2 and "no key for nms" in shown.err
    assert "`interviewer keys edit nms`" in shown.err
    monkeypatch.setenv("EDITOR", "true")
    edited = _keys(monkeypatch, capsys, keyed, "edit", "nms")
    assert edited.code == 0 and "saved" in edited.out
    from interviewer import paths

    mine, problem = read_key(paths.user_keys_dir() / "nms.toml")
    assert mine is not None, problem
    assert mine.question == "简述 NMS 算法流程" and mine.origin.value == "user"
    assert _keys(monkeypatch, capsys, keyed, "edit", "nope").code == 2
