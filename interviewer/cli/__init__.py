"""Command-line entry points; every command module imports only click at module level."""
