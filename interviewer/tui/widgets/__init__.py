"""Widgets the screens share: the conversation log and the verdict card."""
