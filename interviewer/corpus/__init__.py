"""Turning raw scraped pages into a clean question bank: decode, clean, extract, chunk, topic."""
