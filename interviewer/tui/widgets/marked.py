"""Choice widgets whose state reads without colour.

Why: Textual's SelectionList and RadioButton draw the same glyph (X, ●) whether chosen or not
and tell the states apart only by colour, so in a monochrome terminal (or NO_COLOR, or a
colour-blind eye) at 80x24 every topic looks picked and every mode looks set. These draw the
mark only when the choice is on: `X` for a picked topic, `●` for the chosen mode, a blank
otherwise. The colours stay as they were.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton

OFF = " "


class MarkedSelectionList(SelectionList[str]):
    """A SelectionList whose unpicked rows have an empty box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            option = self.get_option_at_index(scroll_y + y)
        except Exception:  # noqa: BLE001 - past the last option: nothing to mark
            return strip
        if option.value in self._selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(OFF, segments[1].style, segments[1].control)
            return Strip(segments, strip.cell_length)
        return strip


class MarkedRadioButton(RadioButton):
    """A RadioButton whose mark is drawn only when it is the chosen one (ToggleButton._button
    with the inner glyph depending on the value)."""

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            (self.BUTTON_INNER if self.value else OFF, button_style),
            (self.BUTTON_RIGHT, side_style),
        )
