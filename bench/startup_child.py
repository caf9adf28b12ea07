"""One cold start of the real app, headless: prints seconds since the parent spawned it.

    python bench/startup_child.py SPAWN_TIME [COUNT]

SPAWN_TIME is the parent's `time.time()` just before it started this process, so the figures
include interpreter start and every import. The app is built exactly as `interviewer practice
--count COUNT` builds it (settings from the environment, `Services.open`, `start_now`), driven by
Textual's `App.run_test` until the first question is on screen. Lines printed:

    start_screen <s>     the start screen is mounted
    first_question <s>   the first question's widget is up and the answer box has focus
    model_ready <s>      the model and index have finished loading in the background
"""

from __future__ import annotations

import sys
import time

SPAWNED = float(sys.argv[1])


def mark(name: str) -> None:
    print(f"{name} {time.time() - SPAWNED:.4f}", flush=True)


async def main(count: int) -> None:
    import asyncio

    from interviewer.config import load_settings
    from interviewer.services.root import Services
    from interviewer.tui.app import make_app
    from interviewer.tui.screens.interview import InterviewScreen
    from interviewer.tui.screens.start import StartScreen
    from interviewer.types.plan import InterviewPlan

    settings = load_settings()
    opened: list[Services] = []

    def factory() -> Services:
        opened.append(Services.open(settings))
        return opened[-1]

    app = make_app(settings, factory, plan=InterviewPlan(count=count), start_now=True)
    async with app.run_test(size=(100, 30)) as pilot:
        seen_start = False
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            screen = app.screen
            if not seen_start and isinstance(screen, StartScreen):
                mark("start_screen")
                seen_start = True
            if isinstance(screen, InterviewScreen) and screen.state == "answering":
                if screen.query_one("#answer").has_focus:
                    mark("first_question")
                    break
            await pilot.pause(0.01)
        else:
            raise SystemExit("no first question within 120 s")
        await asyncio.to_thread(opened[0].wait_ready)
        mark("model_ready")
        app.exit()
    for services in opened:
        services.close()


if __name__ == "__main__":
    import asyncio

    asyncio.run(main(int(sys.argv[2]) if len(sys.argv) > 2 else 3))
