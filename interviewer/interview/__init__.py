"""The headless interview core: question selection, spoken phrasing, follow-ups, session state."""
