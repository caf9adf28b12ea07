"""The Textual user interface: a thin layer over the headless core, with services injected."""

from interviewer.tui import cjkwrap

cjkwrap.install()  # before any widget wraps text: Chinese breaks between characters
