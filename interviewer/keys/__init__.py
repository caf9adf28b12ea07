"""Answer keys: what a good answer to one bank question says, as statements a candidate could say
out loud, with the wordings that count for each and the false claims candidates make.

Keys are plain TOML files beside the notes (`corpus/keys/`) and in the user's data directory; this
package reads and writes them (their typed shape is interviewer.types.answer_key). The graders
read keys, never the other way round.
"""
