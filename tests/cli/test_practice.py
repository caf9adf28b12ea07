"""`interviewer practice`: options become settings, a plan and a resume id for the same make_app."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import pytest
from click.testing import CliRunner

from interviewer.cli.main import cli
from interviewer.storage.db import HistoryStore
from interviewer.types.plan import InterviewPlan
from tests.cli.clirun import run_main


@dataclass
class StubApp:
    """Records how the CLI built the app; `run` returns at once as if the user quit."""

    settings: Any
    factory: Any
    kwargs: dict[str, Any]
    ran: bool = False
    grading_in_flight: bool = False
    message: str = "已答的题都已保存 (session 1)\n继续这次面试：interviewer practice --resume"
    calls: list[str] = field(default_factory=list)

    def run(self) -> None:
        self.ran = True

    def exit_message(self) -> str:
        return self.message


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[StubApp]:
    apps: list[StubApp] = []

    def fake_make_app(settings, services_factory, **kwargs):
        apps.append(StubApp(settings, services_factory, kwargs))
        return apps[-1]

    monkeypatch.setattr("interviewer.tui.app.make_app", fake_make_app)
    return apps


def run(*args: str):
    return CliRunner().invoke(cli, list(args), obj={}, catch_exceptions=False)


def test_bare_command_opens_the_start_screen(built: list[StubApp]) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    (app,) = built
    assert app.ran and app.kwargs["resume_session"] is None
    assert app.kwargs["start_now"] is False and app.kwargs["plan"] == InterviewPlan(relearn=True)
    assert "interviewer practice --resume" in result.output  # printed after the UI closes


def test_plan_options_start_at_once_offline(built: list[StubApp]) -> None:
    result = run(
        "practice",
        "--topic",
        "优化器",
        "--topic",
        "归一化",
        "--count",
        "3",
        "--mode",
        "weak",
        "--offline",
    )
    assert result.exit_code == 0, result.output
    (app,) = built
    assert app.kwargs["plan"] == InterviewPlan(
        topics=("优化器", "归一化"), count=3, mode="weak", relearn=True
    )
    assert app.kwargs["start_now"] is True
    assert app.settings.offline and not app.settings.llm_enabled


def test_a_topic_the_bank_lacks_is_one_error_line_before_any_screen(
    built: list[StubApp], monkeypatch, capsys
) -> None:
    """It opened a start screen that could never start (and, without a terminal, spun)."""
    result = run_main(monkeypatch, capsys, "practice", "--topic", "推荐系统")
    assert result.code == 2 and built == []
    assert result.err.startswith("error: no questions on topic 推荐系统; topics in the bank: ")
    assert len(result.err.strip().splitlines()) == 1
    assert run("practice", "--topic", "优化").exit_code == 0  # a part of a name picks it
    # ... and the plan holds the bank's name: the start screen checks names as they are (it
    # said 没有这个主题：大模型 after the CLI had let `--topic 大模型` through)
    assert built[-1].kwargs["plan"].topics == ("优化器",)


def test_offline_overrides_a_configured_llm(built: list[StubApp], monkeypatch) -> None:
    monkeypatch.setenv("INTERVIEWER_LLM_MODEL", "qwen2.5:7b")
    run("practice")
    run("practice", "--offline")
    assert built[0].settings.llm_enabled and not built[1].settings.llm_enabled


def test_resume_with_nothing_to_resume_starts_new(built: list[StubApp]) -> None:
    result = run("practice", "--resume")
    assert result.exit_code == 0
    assert "nothing to resume: starting a new interview" in result.output
    assert built[0].kwargs["resume_session"] is None
    # the app's screen hides what was printed before it: the start screen says it too
    assert built[0].kwargs["notices"] == ["没有未完成的面试可以继续：请开始新的面试"]
    assert run("practice").exit_code == 0 and built[1].kwargs["notices"] == []


def test_an_ignored_config_key_is_said_on_the_start_screen_too(
    built: list[StubApp], tmp_path, monkeypatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('llm_modle = "qwen2.5:7b"\n', "utf-8")
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(config))
    result = run("practice")
    assert result.exit_code == 0
    line = f"{config}: unknown setting 'llm_modle' ignored (did you mean 'llm_model'?)"
    assert f"warning: {line}" in result.output
    assert built[0].kwargs["notices"] == [f"部分配置没有生效：{line}"]


def test_resume_continues_the_unfinished_session(built: list[StubApp], isolated_home) -> None:
    store = HistoryStore(isolated_home / "history.sqlite3")
    done = store.start_session(InterviewPlan(), "similarity")
    store.finish_session(done)
    open_one = store.start_session(InterviewPlan(count=2), "similarity")
    store.close()
    result = run("practice", "--resume", "--count", "4")
    assert result.exit_code == 0
    assert built[0].kwargs["resume_session"] == open_one
    assert built[0].kwargs["start_now"] is False  # resuming wins over a new plan


def _two_unfinished(db_path) -> tuple[int, int, int]:
    """A finished session, then two left unfinished: (finished, older, newer)."""
    store = HistoryStore(db_path)
    done = store.start_session(InterviewPlan(), "similarity")
    store.finish_session(done)
    older = store.start_session(InterviewPlan(count=2), "similarity")
    newer = store.start_session(InterviewPlan(topics=("优化器",)), "similarity")
    store.close()
    return done, older, newer


def test_resume_with_an_id_continues_that_session(built: list[StubApp], isolated_home) -> None:
    """An older unfinished session was reachable only once every newer one was done."""
    _, older, newer = _two_unfinished(isolated_home / "history.sqlite3")
    assert run("practice", "--resume", str(older)).exit_code == 0
    assert run("practice", f"--resume={older}", "--count", "4").exit_code == 0
    assert run("practice", "--resume").exit_code == 0  # no id: the newest, as before
    assert run("practice", "--resume", "--topic", "优化器").exit_code == 0  # an option, no id
    assert [app.kwargs["resume_session"] for app in built] == [older, older, newer, newer]
    assert not any(app.kwargs["start_now"] for app in built)


@pytest.mark.parametrize("which", ["finished", "unknown"])
def test_resume_of_a_finished_or_unknown_id_is_one_line_naming_the_unfinished(
    built: list[StubApp], isolated_home, monkeypatch, capsys, which: str, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)  # not the checkout, whose `interviewer/` reads as the script
    done, older, newer = _two_unfinished(isolated_home / "history.sqlite3")
    wanted = done if which == "finished" else 99
    r = run_main(monkeypatch, capsys, "practice", "--resume", str(wanted))
    assert r.code == 2 and not built
    (line,) = r.err.strip().splitlines()
    why = "already finished" if which == "finished" else "not in the history"
    assert line == (
        f"error: interview #{wanted} is {why}; unfinished: #{newer}, #{older}"
        f" (to continue #{newer}: interviewer practice --resume {newer})"
    )


def test_resume_of_a_finished_id_with_none_unfinished_says_how_to_start(
    built: list[StubApp], isolated_home, monkeypatch, capsys, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)
    store = HistoryStore(isolated_home / "history.sqlite3")
    done = store.start_session(InterviewPlan(), "similarity")
    store.finish_session(done)
    store.close()
    r = run_main(monkeypatch, capsys, "practice", "--resume", str(done))
    assert r.code == 2 and not built
    assert r.err == (
        f"error: interview #{done} is already finished, and none is unfinished:"
        " interviewer practice starts a new one\n"
    )


@pytest.mark.parametrize(
    "args",
    [("--resume=x",), ("--resume=0",), ("--resume=²",), ("--resume=-1",), ("--resume", "-1")],
)
def test_resume_id_that_is_not_a_session_number_is_a_usage_error(
    built: list[StubApp], monkeypatch, capsys, args: tuple[str, ...]
) -> None:
    """A negative id was read by click as an unknown option ("No such option '-1'")."""
    r = run_main(monkeypatch, capsys, "practice", *args)
    assert r.code == 2 and not built
    (line,) = r.err.strip().splitlines()
    assert line.startswith("error: ") and "is not a session number" in line


@pytest.mark.parametrize(
    "args", [("--count", "0"), ("--count", "x"), ("--mode", "easy"), ("--resum",)]
)
def test_bad_options_are_one_line_errors(built: list[StubApp], args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, ["practice", *args], obj={})
    assert result.exit_code == 2 and not built
    assert "Traceback" not in result.output and "Error:" in result.output


def test_practice_module_does_not_import_textual_at_load() -> None:
    """`interviewer --help` must stay instant: the command module defers the UI import."""
    code = "import sys, interviewer.cli.practice; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_resume_of_a_session_running_elsewhere_is_one_line(
    built: list[StubApp], isolated_home, monkeypatch, capsys
) -> None:
    """The second `practice --resume` on a session another process runs: one `error:` line,
    exit 2, and no app."""
    from interviewer.config import load_settings
    from tests.cli.clirun import run_main

    store = HistoryStore(load_settings().db_path)
    session = store.start_session(InterviewPlan(count=2, seed=1), "similarity", question_ids=["a"])
    store.claim_session(session)  # what the first process's interview holds
    try:
        r = run_main(monkeypatch, capsys, "practice", "--resume")
    finally:
        store.close()
    assert r.code == 2 and not built
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "another" in lines[0], r.err
