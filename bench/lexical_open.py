"""Opening the lexical ranker at scale: building BM25 from passages vs loading saved postings.

    python bench/lexical_open.py [--passages 100000] [--rare 20]

Passages are made from the shipped index's own passages, shuffled and recombined sentence by
sentence (seed 7), so the vocabulary grows the way real notes do. Prints seconds for the first
open (builds and saves `lexical.npz`) and the second (loads it), and the file size.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.index.lexical_cache import FILE, open_bm25  # noqa: E402


def passages(n: int, rare: int = 0, seed: int = 7) -> list[str]:
    """`rare` random Chinese characters per passage stand in for the names and terms a large
    private corpus adds (recombined sentences alone keep the vocabulary small)."""
    chunks = [json.loads(line)["text"] for line in (ROOT / "index/chunks.jsonl").open()]
    sentences = [s for c in chunks for s in re.split(r"(?<=[。；;.!?！？\n])", c) if s.strip()]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        noise = "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(rare))
        out.append("".join(rng.sample(sentences, 4)) + noise)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--rare", type=int, default=0, help="random characters added per passage")
    args = ap.parse_args()
    texts = passages(args.passages, args.rare)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        built = open_bm25(Path(folder), texts)
        first = time.perf_counter() - start
        start = time.perf_counter()
        loaded = open_bm25(Path(folder), texts)
        second = time.perf_counter() - start
        size = (Path(folder) / FILE).stat().st_size
        assert built.top("梯度消失 BN", 5) == loaded.top("梯度消失 BN", 5)
    print(
        json.dumps(
            {
                "passages": args.passages,
                "rare_chars_per_passage": args.rare,
                "first_open_build_and_save_s": round(first, 2),
                "second_open_load_s": round(second, 2),
                "file_mb": round(size / 1e6, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
