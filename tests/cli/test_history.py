"""`interviewer history` and `interviewer report` over a synthetic store, via the entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from interviewer.config import load_settings
from interviewer.index.codec import question_to_line
from interviewer.index.manifest import Manifest
from interviewer.index.store import CHUNKS, MANIFEST, QUESTIONS, VECTORS
from interviewer.storage.db import HistoryStore
from interviewer.types.bank import Question
from tests.cli.clirun import run_main
from tests.progress.synthetic import BANK, T0, HistoryWriter, fill_weeks, verdict

SECRET = "sk-test-must-never-appear"


@pytest.fixture
def home(isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A filled history, a configured (secret) API key, and no index (so no question is removed)."""
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("INTERVIEWER_LLM_MODEL", "qwen-test")
    monkeypatch.setenv("INTERVIEWER_INDEX_DIR", str(tmp_path / "no-index"))
    fill_weeks(load_settings().db_path).close()
    return isolated_home


def write_bank(index_dir: Path, ids: list[str]) -> None:
    """The two files `read_questions` needs, plus placeholders for the others (no FAISS needed)."""
    index_dir.mkdir(parents=True)
    questions = [Question(id=i, text=BANK[i][0], topic=BANK[i][1]) for i in ids]
    (index_dir / QUESTIONS).write_text(
        "".join(question_to_line(q) + "\n" for q in questions), encoding="utf-8"
    )
    manifest = Manifest("e5", "multilingual-e5-small", 384, 0, "flat", {}, {}, len(questions))
    (index_dir / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    (index_dir / CHUNKS).write_text("", encoding="utf-8")
    (index_dir / VECTORS).write_bytes(b"")


def test_history_lists_sessions(home: Path, monkeypatch, capsys) -> None:
    r = run_main(monkeypatch, capsys, "history")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].split() == ["#", "date", "answered", "mean", "grader"]
    assert len(lines) == 1 + 5 + 1
    assert lines[-1] == (
        "answered, mean: main questions (first answers); follow-ups, re-asks and skips"
        " are not counted"
    )
    first = lines[1].split()
    assert first[0] == "1" and first[3] == "3" and first[4] == "4.7" and first[5] == "offline"
    # day 7: Adam 9.5, BN 2.5, BN follow-up 1.0: the follow-up is on another scale, neither
    # averaged nor counted with the questions answered (it read 3 beside a mean of two)
    assert lines[3].split()[3:5] == ["2", "6.0"]


def test_history_names_each_unfinished_session_and_its_resume_command(
    home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    """`practice --resume` alone continues the newest unfinished session only: an older one
    was out of reach, and nothing said its id. Each gets a line with the command, newest
    first; one left before any answer (not in the table) too."""
    monkeypatch.chdir(tmp_path)  # not the checkout, whose `interviewer/` reads as the script
    writer = HistoryWriter(HistoryStore(load_settings().db_path))
    at = T0 + timedelta(days=20)
    older = writer.session(at)
    writer.answer(older, "q-adam", *BANK["q-adam"], 6.0, at + timedelta(minutes=1))
    newer = writer.session(at + timedelta(hours=1))
    writer.store.close()
    r = run_main(monkeypatch, capsys, "history")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[6].split()[0] == str(older) and lines[6].endswith("(unfinished)")
    assert lines[-2:] == [
        f"unfinished #{newer} (0 answered): interviewer practice --resume {newer}",
        f"unfinished #{older} (1 answered): interviewer practice --resume {older}",
    ]
    monkeypatch.setenv("INTERVIEWER_LAUNCHER", "make")  # what the user types in the checkout
    r = run_main(monkeypatch, capsys, "history")
    assert r.out.splitlines()[-1] == (
        f"unfinished #{older} (1 answered): make run ARGS='--resume {older}'"
    )


def test_history_json_lines(home: Path, monkeypatch, capsys) -> None:
    r = run_main(monkeypatch, capsys, "history", "--json")
    assert r.code == 0, r.err
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert [row["id"] for row in rows] == [1, 2, 3, 4, 5]
    assert [row["answered"] for row in rows] == [3, 2, 2, 2, 1]  # as the table's column
    assert [row["answers"] for row in rows] == [3, 2, 3, 2, 1]  # the follow-up on day 7 too
    assert rows[0]["mean_score"] == pytest.approx(14 / 3, abs=0.01)
    assert rows[0]["grader"] == "similarity" and rows[0]["mode"] == "review"
    assert SECRET not in r.out and "qwen-test" not in r.out


def test_export_writes_every_answered_turn_without_secrets(
    home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    out = tmp_path / "all.jsonl"
    r = run_main(monkeypatch, capsys, "history", "--export", str(out))
    assert r.code == 0, r.err
    assert "exported 11 answered turns" in r.out
    text = out.read_text(encoding="utf-8")
    assert SECRET not in text and "api_key" not in text and "qwen-test" not in text
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == 11
    first = rows[0]
    assert first["question"] == "Adam和SGD的区别" and first["score"] == 9.0
    assert first["answer"].startswith("BN就是")
    assert first["verdict"]["grader"] == "similarity"
    assert first["answered_at"].startswith("2024-05-01T09:00")
    assert first["insights"]["length"] == 26 and first["insights"]["structured"] is True
    follow_ups = [row for row in rows if row["follow_up_of"] is not None]
    assert len(follow_ups) == 1 and follow_ups[0]["question"] == "推理时BN用什么统计量？"
    bn = [row for row in rows if row["question_id"] == "q-bn" and row["follow_up_of"] is None]
    assert bn[0]["verdict"]["points"][0] == {
        "text": "减少内部协变量偏移",
        "status": "missing",
        "evidence": "",
        "named": "",
        "weight": 1.0,
    }


def test_history_json_and_export_agree_on_dont_know_and_skips(
    isolated_home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    """A session: an answer (6), 不会 (Ctrl+G, worth 0), a skipped question and a skipped
    follow-up (Ctrl+N). History said 4 answered; the export said 不会 was skipped while the
    mean counted its 0. Now: 2 answers, mean 3, 不会 not skipped, the passes skipped."""
    from interviewer.types.plan import InterviewPlan
    from interviewer.types.turn import Turn
    from interviewer.types.verdict import Label

    monkeypatch.setenv("INTERVIEWER_INDEX_DIR", str(tmp_path / "no-index"))
    with HistoryStore(load_settings().db_path) as store:
        sid = store.start_session(InterviewPlan(count=3), "similarity")

        def asked(qid: str, parent: int | None = None) -> int:
            text, topic = BANK[qid]
            return store.record_asked(sid, Turn(0, 1, 3, qid, text, text, topic, parent))

        main = asked("q-adam")
        store.record_answer(main, "Adam 用了动量", 9.0, False, verdict(6.0))
        follow = asked("q-adam", main)
        empty = verdict(0.0, label=Label.EMPTY)
        store.record_answer(follow, "", 0.0, False, empty, skipped=True)
        store.record_answer(asked("q-bn"), "不知道", 0.0, False, empty, skipped=True)
        store.record_answer(asked("q-ln"), "", 0.0, False, empty, skipped=True)
    r = run_main(monkeypatch, capsys, "history", "--json")
    (row,) = [json.loads(line) for line in r.out.splitlines()]
    assert row["answered"] == 2 and row["mean_score"] == 3.0
    out = tmp_path / "all.jsonl"
    assert run_main(monkeypatch, capsys, "history", "--export", str(out)).code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    said = [(r["answer"], r["skipped"], r["score"]) for r in rows]
    assert said == [("Adam 用了动量", False, 6.0), ("", True, None), ("不知道", False, 0.0),
                    ("", True, None)]  # fmt: skip
    main_scores = [r["score"] for r in rows if r["follow_up_of"] is None and not r["skipped"]]
    assert sum(main_scores) / len(main_scores) == row["mean_score"]


def test_report_default_file_in_cwd(home: Path, monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    r = run_main(monkeypatch, capsys, "report")
    assert r.code == 0, r.err
    path = tmp_path / f"interviewer-report-{date.today():%Y-%m-%d}.md"
    assert path.is_file() and str(path) in r.out
    text = path.read_text(encoding="utf-8")
    for section in ("## 概览", "## 历次面试", "## 各主题掌握度", "## 最薄弱的题目", "## 表达"):
        assert section in text
    assert "回答主问题 10 道（另有追问 1 道）" in text
    assert "减少内部协变量偏移" in text and "补充BN在训练和推理时的区别。" in text
    assert SECRET not in text
    chart = path.with_name(f"{path.stem}-trend.svg")  # the trend as an image, linked
    assert f"]({chart.name})" in text and chart.read_text(encoding="utf-8").startswith("<svg")


def test_default_report_in_the_checkout_leaves_git_status_clean(
    home: Path, monkeypatch, capsys
) -> None:
    """After `make run` the user is in the checkout: `interviewer report` writes its two files
    there, and a clone used through add, build, practice and report must stay clean (issue 16)."""
    root = Path(__file__).resolve().parents[2]
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    name = f"interviewer-report-{date.today():%Y-%m-%d}"
    ignored = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "--no-index", f"{name}.md", f"{name}-trend.svg"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.stdout.split() == [f"{name}.md", f"{name}-trend.svg"], ignored.stderr


def test_report_out_and_removed_questions_from_the_index(
    home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    write_bank(index, ["q-adam", "q-bn", "q-dropout"])  # LayerNorm left the corpus
    out = tmp_path / "reports" / "me.md"
    r = run_main(monkeypatch, capsys, "--index", str(index), "report", "--out", str(out))
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "LayerNorm和BatchNorm的区别 (removed from corpus)" in text
    assert text.count("(removed from corpus)") == 1
    # the flag is kept in the history, and lifted when the question comes back
    with HistoryStore(load_settings().db_path) as store:
        assert {t.question_id for t in store.answered_turns() if t.removed} == {"q-ln"}
    write_bank(tmp_path / "index2", list(BANK))
    run_main(monkeypatch, capsys, "--index", str(tmp_path / "index2"), "history")
    with HistoryStore(load_settings().db_path) as store:
        assert not any(t.removed for t in store.answered_turns())


def test_no_history_is_one_line_and_creates_nothing(
    isolated_home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (("history",), ("report",), ("history", "--json")):
        r = run_main(monkeypatch, capsys, *args)
        assert r.code == 0
        message = (r.out + r.err).strip()
        assert len(message.splitlines()) == 1 and "no practice history yet" in message
    assert not load_settings().db_path.exists()
    assert not list(tmp_path.glob("interviewer-report-*.md"))


def test_empty_database_is_the_same_as_none(isolated_home: Path, monkeypatch, capsys) -> None:
    HistoryStore(load_settings().db_path).close()
    r = run_main(monkeypatch, capsys, "report")
    assert r.code == 0 and "no practice history yet" in r.out


def test_unwritable_report_is_a_one_line_error(
    home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    r = run_main(monkeypatch, capsys, "report", "--out", str(blocker / "r.md"))
    assert r.code == 2
    assert r.err.startswith("error: cannot write") and len(r.err.strip().splitlines()) == 1


def test_corrupt_database_is_a_one_line_error(isolated_home: Path, monkeypatch, capsys) -> None:
    db = load_settings().db_path
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not sqlite" * 100)
    r = run_main(monkeypatch, capsys, "history")
    assert r.code == 2 and r.err.startswith("error: ") and "Traceback" not in r.err


def test_an_own_score_shows_in_history_and_export_beside_the_grade(
    home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    db = load_settings().db_path
    with HistoryStore(db) as store:
        first = store.session_turns(1)[0]  # Adam, graded 9.0
        store.record_own_score(first.turn_id, 6.0)
    r = run_main(monkeypatch, capsys, "history")
    assert r.out.splitlines()[1].split()[4] == "3.7"  # was 4.7: 9.0 → 6.0 over three answers
    out = tmp_path / "all.jsonl"
    assert run_main(monkeypatch, capsys, "history", "--export", str(out)).code == 0
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert row["score"] == 6.0 and row["own_score"] == 6.0 and row["graded_score"] == 9.0
    assert row["label"] == "partial" and row["verdict"]["score"] == 9.0


def test_the_report_lists_answers_the_candidate_rescored(
    home: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    db = load_settings().db_path
    with HistoryStore(db) as store:
        first = store.session_turns(1)[0]
        store.record_own_score(first.turn_id, 6.0)
    monkeypatch.chdir(tmp_path)
    assert run_main(monkeypatch, capsys, "report").code == 0
    text = next(tmp_path.glob("interviewer-report-*.md")).read_text(encoding="utf-8")
    section = text.split("## 你改过分的回答", 1)[1].split("\n## ", 1)[0]
    assert "Adam和SGD的区别" in section and "判分 9.0 → 你给 6" in section
    assert first.answer[:10] in section
    assert f"`interviewer keys edit {first.question_id}`" in section  # how to make it agree
