"""The composition root: the one place that turns `Settings` into running parts.

`root.Services` builds the embedder, retriever, grader, history store and phraser for the app;
`models` loads the embedding model and the index for the CLI commands that need only those;
`deferred` is the background load that lets the first question appear before the model is ready.
It sits above the interview, grading, index and storage and below only the CLI and the TUI.
"""
