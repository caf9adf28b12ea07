"""Full-screen views: start, interview, summary (and the progress stats screen)."""
