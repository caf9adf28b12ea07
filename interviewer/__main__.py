"""Allow `python -m interviewer`."""

from interviewer.cli.main import main

main()
