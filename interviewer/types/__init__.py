"""The values every layer speaks (bank items, answer keys, verdict and key points, plan, turn,
score bands).

Storage, progress, grading, the interview and the UI all read and write these, so they live
below all of them and import nothing else of ours: a layer can depend on them without depending
on the layer that happens to produce them (checked by the import contracts in pyproject.toml).
"""
