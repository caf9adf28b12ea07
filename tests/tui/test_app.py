"""Whole interviews driven headless at 80x24 over a scripted core (see fakes.py)."""

from __future__ import annotations

import threading

from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, TextArea

from interviewer.errors import IndexStateError
from interviewer.launcher import command
from interviewer.storage.db import HistoryStore
from interviewer.tui.app import InterviewApp, make_app
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.start import StartScreen
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.types.plan import InterviewPlan
from interviewer.types.turn import Turn
from interviewer.types.verdict import Label, Verdict
from tests.tui.conftest import SIZE
from tests.tui.drive import answer, next_question, start_interview, until, wait_answering
from tests.tui.fakes import FakeServices, KeywordGrader
from tests.tui.screen_text import screen_text

GOOD_ADAM = "Adam 结合了动量和自适应学习率，还有偏差修正，所以前期步长不会太小。"
WEAK_BN = "BN 就是把每层的输入减去均值，嗯，然后就差不多了。"


async def test_whole_interview_good_bad_followup_skip_summary(settings, fake_services) -> None:
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        text = screen_text(app)
        assert "你好，我们开始吧" in text and "第 1/3 题" in text
        assert "偏差修正" not in text  # the reference never shows before the answer

        good = await answer(pilot, screen, GOOD_ADAM)
        assert good.verdict.score == 10
        shown = screen_text(app)
        assert "10.0/10" in shown and "答得好" in shown
        await next_question(pilot, app)
        assert screen.turn is not None and screen.turn.question_id == "q-bn"  # no follow-up

        bad = await answer(pilot, screen, WEAK_BN)
        assert bad.verdict.score < 7
        verdict_screen = screen_text(app)
        assert f"{bad.verdict.score:.1f}/10" in verdict_screen
        assert "✗ 方差" in verdict_screen  # missing points are listed
        await next_question(pilot, app)
        assert screen.turn.parent_turn_id == bad.turn.turn_id  # the core's follow-up comes next
        assert "追问" in screen_text(app)

        await answer(pilot, screen, "训练时用 batch 的均值和方差，推理时用滑动平均。")
        await next_question(pilot, app)
        await pilot.press("ctrl+n")  # skip dropout
        await until(pilot, lambda: screen.state == "verdict")
        assert screen.graded[-1].skipped
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))

        summary = screen_text(app)
        assert "面试结束" in summary and "最薄弱的主题" in summary
        assert str(settings.db_path) in "".join(summary.split())  # long paths wrap
        assert app.session_finished and "--resume" not in app.exit_message()
        await pilot.press("n")  # another round: back to the start screen, nothing to resume
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
        assert not app.screen.query_one("#resume", Button).display

    turns = HistoryStore(settings.db_path).session_turns(app.session_id)
    assert [t.question_id for t in turns] == ["q-adam", "q-bn", "q-bn", "q-dropout"]
    assert all(t.answered for t in turns) and turns[2].parent_turn_id == turns[1].turn_id
    assert turns[0].answer == GOOD_ADAM and turns[3].skipped


async def test_hint_costs_points_and_dont_know_is_recorded(settings, fake_services) -> None:
    app = make_app(settings, lambda: fake_services, plan=InterviewPlan(count=2))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: screen.hint_used)
        assert "想想「动量」" in screen_text(app)
        graded = await answer(pilot, screen, GOOD_ADAM)
        assert graded.hint_used and graded.verdict.score == 8.5
        assert "用了提示，扣 1.5 分（10 → 8.5）" in screen.log_widget.transcript()
        await next_question(pilot, app)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: screen.state == "verdict")
        assert screen.graded[-1].verdict.label.value == "empty"
        assert "不会。" in screen.log_widget.transcript()


async def test_empty_answer_is_not_submitted(settings, fake_services) -> None:
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.state == "answering" and fake_services.grader.calls == 0


async def test_typed_chinese_and_enter_make_a_multiline_answer(settings, fake_services) -> None:
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        await pilot.press(*"动量", "enter", *"ok")
        box = screen.query_one("#answer", TextArea)
        assert box.text == "动量\nok" and screen.state == "answering"  # Enter is a newline


def _gated(settings) -> tuple[threading.Event, FakeServices, InterviewApp]:
    """An app whose grader blocks until the returned event is set."""
    gate = threading.Event()
    services = FakeServices(settings, grader=KeywordGrader(gate=gate))
    return gate, services, make_app(settings, lambda: services)


async def test_ui_stays_responsive_while_grading(settings) -> None:
    gate, services, app = _gated(settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        screen.query_one("#answer", TextArea).insert(GOOD_ADAM)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: services.grader.calls == 1)  # the grader is now blocked
        assert screen.state == "grading" and "评分中…" in screen_text(app)
        await pilot.press("ctrl+r")  # handled while the grader thread is still blocked
        await until(pilot, lambda: type(app.screen).__name__ == "StatsScreen")
        assert not gate.is_set() and screen.state == "grading" and services.grader.calls == 1
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        gate.set()
        await until(pilot, lambda: screen.state == "verdict")


async def test_an_answer_is_saved_when_submitted_not_when_graded(settings) -> None:
    """Ctrl+S then Ctrl+C at once (a new-user audit lost the answer twice out of two): the keys
    are handled in the order pressed, and the answer is saved when Ctrl+S is, since the quit
    cancels a grading worker that has not started."""
    gate, _, app = _gated(settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        screen.query_one("#answer", TextArea).insert(GOOD_ADAM)
        # back to back, as the terminal delivers them to a hurried candidate's app (the pilot
        # would wait for each key to be handled)
        app.post_message(events.Key("ctrl+s", None))
        app.post_message(events.Key("ctrl+c", None))
        await until(pilot, lambda: app.return_code is not None)  # the quit was handled
        gate.set()
    (turn,) = HistoryStore(settings.db_path).session_turns(app.session_id)
    assert turn.answer == GOOD_ADAM


async def test_submit_waits_for_the_keys_typed_before_it(settings) -> None:
    """Keys typed in a burst then Ctrl+S (an IME committing a phrase, a busy machine, tmux): the
    answer graded is everything typed. Ctrl+S is a priority binding and ran before the answer
    box had taken the keys still in its queue, so the weeks audit's answers lost their last
    words ('…判别器区分真假，' without '两者对抗训练', once just '这')."""
    gate, _, app = _gated(settings)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, app)
        typed = "两者对抗训练 END"
        for char in typed:
            app.post_message(events.Key("space" if char == " " else char, char))
        app.post_message(events.Key("ctrl+s", None))
        app.post_message(events.Key("ctrl+c", None))
        await until(pilot, lambda: app.return_code is not None)
        gate.set()
    (turn,) = HistoryStore(settings.db_path).session_turns(app.session_id)
    assert turn.answer == typed


async def test_grading_failure_keeps_the_answer(settings, fake_services) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("grader exploded\nwith a second line")

    fake_services.grader.grade = broken
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        screen.query_one("#answer", TextArea).insert(GOOD_ADAM)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "评分失败" in screen.log_widget.transcript())
        assert screen.state == "answering"
        assert screen.query_one("#answer", TextArea).text == GOOD_ADAM
        assert "second line" not in screen.log_widget.transcript()


async def test_quit_mid_interview_then_resume(settings, fake_services) -> None:
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        await answer(pilot, screen, GOOD_ADAM)
        await pilot.press("ctrl+c")
    first = app.session_id
    assert first is not None
    # by its id: `--resume` alone continues the newest unfinished, maybe another one by then
    assert f"interviewer practice --resume {first}" in app.exit_message()
    store = HistoryStore(settings.db_path)
    assert store.unfinished_session().id == first and store.unfinished_session().n_answered == 1

    again = make_app(settings, lambda: FakeServices(settings), resume_session=first)
    async with again.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, again)
        assert "上次答了 1 题" in screen.log_widget.transcript()
        assert screen.turn.question_id == "q-bn"  # the answered question is not asked again
    assert again.session_id == first


async def test_an_answer_being_typed_is_kept_for_the_resume(settings, fake_services) -> None:
    """An answer typed and never submitted was lost when the process died (kill -9, a closed
    terminal): it is saved as it is typed, and the resume puts it back in the box with a note.
    The app here ends without a quit, as a killed one does."""
    store = fake_services.store
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        turn = screen.turn
        screen.app.post_message(events.Paste("Adam 结合了动量"))
        await until(pilot, lambda: store.turn(turn.turn_id).draft == "Adam 结合了动量")
    session = app.session_id
    again = make_app(settings, lambda: FakeServices(settings), resume_session=session)
    async with again.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, again)
        assert screen.turn.question_id == "q-adam"
        assert screen.query_one("#answer", TextArea).text == "Adam 结合了动量"
        assert "上次没提交的回答已放回输入框" in screen.log_widget.transcript()
        await pilot.press("ctrl+s")  # submitted as it was restored
        await until(pilot, lambda: screen.state == "verdict")
        assert again.services.store.turn(screen.turn.turn_id).answer == "Adam 结合了动量"


async def test_quitting_keeps_what_was_typed_in_the_last_second(settings, fake_services) -> None:
    """The second Ctrl+Q leaves at once: it keeps the box's text without waiting for the pause
    that saves it while typing."""
    store = fake_services.store
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        turn = screen.turn
        screen.query_one("#answer", TextArea).insert("BN 让训练更稳定")
        await pilot.press("ctrl+q")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert store.turn(turn.turn_id).draft == "BN 让训练更稳定"


async def test_a_skip_forgets_the_answer_being_typed(settings, fake_services) -> None:
    store = fake_services.store
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        turn = screen.turn
        screen.app.post_message(events.Paste("不太记得了"))
        await until(pilot, lambda: store.turn(turn.turn_id).draft == "不太记得了")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.state == "verdict")
        assert store.turn(turn.turn_id).draft is None


async def test_the_welcome_back_comes_after_an_interrupted_answer_is_graded(
    settings, fake_services
) -> None:
    """Killed while grading: the resume grades the saved answer before it greets, so the
    greeting counts what is left after it (a miss graded there comes back, relearn)."""
    store = fake_services.store
    session = store.start_session(InterviewPlan(), "fake-keyword")
    asked = Turn(0, 1, 3, "q-adam", "Adam和SGD的区别", "说说Adam和SGD的区别？", "优化器")
    store.record_submitted(store.record_asked(session, asked), GOOD_ADAM, 5.0)
    again = make_app(settings, lambda: fake_services, resume_session=session)
    async with again.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, again)
        assert "上次答了 1 题" in screen.log_widget.transcript()
        assert screen.turn.question_id == "q-bn"


async def test_start_screen_offers_resume(settings, fake_services) -> None:
    session = fake_services.store.start_session(InterviewPlan(), "fake-keyword")
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
        button = app.screen.query_one("#resume", Button)
        assert button.display and f"#{session}" in str(button.label)
        await pilot.pause()  # let the layout that just showed the button settle before clicking it
        await pilot.click("#resume")
        await wait_answering(pilot, app)
        assert app.session_id == session


async def test_options_that_start_at_once_say_the_unfinished_session_left_behind(
    settings, fake_services
) -> None:
    """`practice --topic X` went past the start screen's 继续上次 and left an unfinished session
    behind without a word. One line says it and how to continue it; the new session starts."""
    old = fake_services.store.start_session(InterviewPlan(), "fake-keyword")
    asked = Turn(0, 1, 3, "q-adam", "Adam和SGD的区别", "说说Adam和SGD的区别？", "优化器")
    store = fake_services.store
    parent = store.record_asked(old, asked)
    verdict = Verdict(score=6.0, label=Label.PARTIAL, grader="fake", confidence=0.9)
    store.record_answer(parent, GOOD_ADAM, 5.0, False, verdict)
    follow = Turn(0, 1, 3, "q-adam", "偏差修正？", "偏差修正是做什么的？", "优化器", parent)
    store.record_answer(store.record_asked(old, follow), "修正初期偏向 0", 5.0, False, verdict)
    app = make_app(settings, lambda: fake_services, plan=InterviewPlan(count=2), start_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_answering(pilot, app)
        assert app.session_id != old
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and f"#{old} 没做完" in said[0]
        assert "已答 1 题" in said[0]  # main questions, as history counts: not the follow-up
        # the command names it: `--resume` alone would continue the new one, not #old
        assert f"接着做 #{old}：" in said[0]
        assert said[0].endswith(f"interviewer practice --resume {old}")
        assert "\n" not in said[0]
        assert said[0] in app._start_screen().notices
    quiet = make_app(settings, lambda: FakeServices(settings), plan=InterviewPlan(count=2))
    async with quiet.run_test(size=SIZE) as pilot:  # the start screen's button says it already
        await until(pilot, lambda: isinstance(quiet.screen, StartScreen) and quiet.screen.ready)
        assert not quiet._notifications


async def test_start_pressed_while_loading_starts_when_ready(settings, fake_services) -> None:
    loaded = threading.Event()

    def slow_factory() -> FakeServices:
        loaded.wait(timeout=30)
        return fake_services

    app = make_app(settings, slow_factory)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("ctrl+s")  # the model is still loading
        assert "加载完就开始" in screen_text(app) and app.services is None
        loaded.set()
        await wait_answering(pilot, app)


async def test_missing_index_is_one_line_with_the_fix(settings) -> None:
    def factory():
        raise IndexStateError("no index at /x/index: run `interviewer build` first")

    app = make_app(settings, factory)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.load_error is not None)
        text = screen_text(app)
        assert "run `interviewer build` first" in text and "Traceback" not in text
        assert app.screen.query_one("#start", Button).disabled


async def test_command_line_plan_starts_at_once_and_checks_topics(settings, fake_services) -> None:
    plan = InterviewPlan(topics=("归一化",), count=1)
    app = make_app(settings, lambda: fake_services, plan=plan, start_now=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_answering(pilot, app)
        assert screen.turn.topic == "归一化" and screen.turn.total == 1

    wrong = make_app(
        settings, lambda: fake_services, plan=InterviewPlan(topics=("量子",)), start_now=True
    )
    async with wrong.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "没有这个主题" in screen_text(wrong))
        assert isinstance(wrong.screen, StartScreen)


async def test_every_screen_fits_80x24(settings, fake_services) -> None:
    app = make_app(settings, lambda: fake_services, plan=InterviewPlan(count=1))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.ready)
        _assert_visible(app, "#start", "#topics", "#count", "#mode")
        screen = await start_interview_from_start(pilot, app)
        _assert_visible(app, "#answer", "#submit", "#skip", "#dont_know", "#hint", "#log")
        await answer(pilot, screen, WEAK_BN if screen.turn.topic == "归一化" else GOOD_ADAM)
        _assert_visible(app, "#next", "#log")
        assert "/10" in screen_text(app)  # the score line of the verdict is on screen


async def start_interview_from_start(pilot: Pilot, app: InterviewApp) -> InterviewScreen:
    await pilot.press("ctrl+s")
    return await wait_answering(pilot, app)


def _assert_visible(app: InterviewApp, *selectors: str) -> None:
    area = app.screen.region
    for selector in selectors:
        widget = app.screen.query_one(selector)
        region = widget.region
        assert widget.display and region.area > 0, selector
        assert area.contains_region(region), f"{selector} {region} outside {area}"


async def test_each_question_warms_the_grader_while_the_candidate_types(
    settings, fake_services
) -> None:
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        first = screen.turn
        assert first is not None
        await until(pilot, lambda: screen.interview.prepared == [first.turn_id])
        assert screen.state == "answering"  # warming never blocks the answer box
        await answer(pilot, screen, GOOD_ADAM)
        await next_question(pilot, app)
        second = screen.turn
        assert second is not None and second.turn_id != first.turn_id
        await until(pilot, lambda: screen.interview.prepared == [first.turn_id, second.turn_id])


async def test_the_candidate_disputes_a_grade_with_their_own_score(settings, fake_services) -> None:
    """^E after a verdict: the candidate's score is saved and counts, the follow-up on the gap
    they dispute is dropped; a skip has no grade to change; Esc changes nothing."""
    app = make_app(settings, lambda: fake_services, plan=InterviewPlan(count=3))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        first = await answer(pilot, screen, GOOD_ADAM)
        await next_question(pilot, app)
        weak = await answer(pilot, screen, WEAK_BN)
        assert weak.verdict.score < 7
        assert "改分" in screen_text(app)  # offered in the footer after a verdict

        await pilot.press("ctrl+e")
        await until(pilot, lambda: type(app.screen).__name__ == "OwnScoreScreen")
        assert f"判分 {weak.verdict.score:.1f}" in screen_text(app)
        await pilot.press("escape")  # cancelled: nothing saved
        await until(pilot, lambda: app.screen is screen)
        assert HistoryStore(settings.db_path).turn(weak.turn.turn_id).own_score is None

        await pilot.press("ctrl+e")
        await until(pilot, lambda: type(app.screen).__name__ == "OwnScoreScreen")
        await pilot.press("1", "2", "enter")  # off the scale: asked again
        await pilot.pause(0.1)
        assert type(app.screen).__name__ == "OwnScoreScreen"
        await pilot.press("backspace", "backspace", "8", "enter")
        await until(pilot, lambda: "记下了" in screen.log_widget.transcript())
        assert "按你给的 8 分算" in screen.log_widget.transcript()
        assert "追问就不问了" in screen.log_widget.transcript()
        # the command as it runs from here (after `make run` the script is not on PATH)
        edit = command("keys", "edit", weak.turn.question_id)
        assert edit.endswith(f"keys edit {weak.turn.question_id}")
        assert "".join(edit.split()) in "".join(screen.log_widget.transcript().split())  # wraps
        stored = HistoryStore(settings.db_path).turn(weak.turn.turn_id)
        assert stored.own_score == 8 and stored.score == 8
        assert stored.graded_score == weak.verdict.score

        await next_question(pilot, app)
        assert screen.turn.parent_turn_id is None  # the disputed follow-up is not asked
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.state == "verdict")
        await pilot.press("ctrl+e")
        await pilot.pause(0.1)
        assert app.screen is screen  # a skip has no grade to change
    assert HistoryStore(settings.db_path).turn(first.turn.turn_id).own_score is None


async def test_a_hung_up_terminal_ends_the_app_and_keeps_the_answers(
    settings, fake_services, monkeypatch
) -> None:
    """Killing a tmux pane that runs `make run` sends the app no SIGHUP, and Textual's input
    thread would spin on the dead terminal for ever: the app checks its terminal and leaves."""
    import interviewer.tui.app as app_module

    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        await answer(pilot, screen, GOOD_ADAM)
        exits = []
        leave = app.exit
        monkeypatch.setattr(app, "exit", lambda *a, **k: (exits.append(1), leave(*a, **k)))
        monkeypatch.setattr(app_module.os, "isatty", lambda fd: True)
        app._terminal = 0  # as if started on a terminal
        app.check_terminal()
        assert exits == []  # the terminal is still there
        monkeypatch.setattr(app_module.os, "isatty", lambda fd: False)
        app.check_terminal()
        await pilot.pause()
        assert exits == [1]
    store = HistoryStore(settings.db_path)
    assert store.unfinished_session().n_answered == 1


async def test_a_skipped_key_file_is_said_on_screen(settings) -> None:
    """The loader's 'answer key skipped: FILE:LINE: …' went to a log line the app's screen
    hid, so a user whose key edit had a typo was graded on the shipped key and never told."""
    from interviewer.keys.load import KeyBook

    services = FakeServices(settings)
    problems = [f"/keys/k{i}.toml:4: Illegal character" for i in range(5)]
    services.keys = KeyBook(problems=problems)
    app = make_app(settings, lambda: services)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.services is not None)
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said[:3] == problems[:3] and "还有 2 个" in said[3]
        assert len(said) == 4


async def test_quitting_over_an_unsent_answer_asks_once(settings, fake_services) -> None:
    """A reflexive Ctrl+Q lost a typed answer that was never submitted (new-user audit): the
    first quit says so and stays, the second leaves; an empty box quits at once."""
    app = make_app(settings, lambda: fake_services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_interview(pilot, app)
        screen.query_one("#answer", TextArea).insert(GOOD_ADAM)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None and screen.has_unsent_answer()
        assert any("还没提交" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    empty = make_app(settings, lambda: fake_services)
    async with empty.run_test(size=SIZE) as pilot:
        await start_interview(pilot, empty)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: empty.return_code is not None)
