"""What the candidate asked for: topics, how many questions, which mode. Stored per session."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

Mode = Literal["new", "review", "weak"]
MODES: tuple[Mode, ...] = ("review", "new", "weak")


@dataclass(frozen=True)
class InterviewPlan:
    """The knobs of one session; frozen so a resumed session asks exactly what was planned."""

    topics: tuple[str, ...] = ()
    """Topic names to draw from; empty means all topics."""
    count: int = 5
    """Main questions; follow-ups come on top."""
    mode: Mode = "review"
    """review = due first, then new ones; weak = lowest-mastery topics first; new = never asked."""
    follow_ups: bool = True
    relearn: bool = False
    """Ask a missed question once more before the end (see `interview.relearn`). The app turns
    it on; a plan built in code asks exactly `count` main questions unless it asks for this."""
    seed: int | None = None
    """Fixes selection and phrasing, so a session can be replayed (and tests are stable)."""

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError(f"count must be at least 1, got {self.count}")
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        object.__setattr__(self, "topics", tuple(self.topics))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> InterviewPlan:
        data: dict[str, Any] = json.loads(text)
        names = ("topics", "count", "mode", "follow_ups", "relearn", "seed")
        known = {k: data[k] for k in names if k in data}
        known["topics"] = tuple(known.get("topics", ()))
        return cls(**known)
