"""Answer keys: what a good answer to one bank question says, as statements a candidate could say
out loud, with the wordings that count for each and the false claims candidates make.

Keys are plain TOML files beside the notes (`corpus/keys/`) and in the user's data directory; this
package models, validates and loads them. It sits beside corpus and index: it imports nothing of
ours above the shared text rules, and the graders read keys, never the other way round.
"""
