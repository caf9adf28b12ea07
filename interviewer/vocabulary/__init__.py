"""The words the app knows, as data: concepts and their spellings, spoken fillers, negation and
opposite words, don't-know phrases, relation words, question wording, the topics, the CJK ranges.

Each table is a TOML file in `data/` (its header says its format and who reads it), read once by
`load.py` and returned typed by the module of the same name (`concepts.py` reads
`data/concepts.toml`; `glossary.py` is the concepts' matching view). Every layer that reads text
(corpus, index, grading, interview, progress) reads these, so the package sits below all of them
and imports nothing of ours but `errors`.
"""
