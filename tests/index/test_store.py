import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from interviewer.errors import IndexStateError
from interviewer.index.manifest import Manifest
from interviewer.index.records import Chunk
from interviewer.index.store import (
    check_model,
    load_index,
    read_questions,
    stale_reason,
    write_index,
)
from interviewer.index.vectors import FLAT, HNSW, build_faiss, choose_index_type, stored_vectors
from interviewer.types.bank import QAItem, Question, SourceSpan

DIM = 8


def _sample(n: int = 3, index_type: str = FLAT):
    """Stored data only: storage does not care what the vectors mean."""
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    span = SourceSpan("a.txt", 1, 2)
    question = Question(
        "q1", "BN的作用", "归一化", [QAItem("BN的作用", "加快收敛", span, ("归一化",))]
    )
    chunks = [Chunk(i, f"文本{i}", span, "answer", "q1", f"h{i}") for i in range(n)]
    manifest = Manifest(
        model_id="m@1",
        model_spec="m",
        dim=DIM,
        count=n,
        index_type=index_type,
        corpus_files={"a.txt": "abc"},
        chunking={"min_chars": 80, "max_chars": 350},
        questions=1,
    )
    return build_faiss(vectors, index_type), vectors, chunks, [question], manifest


def _written(tmp_path: Path, n: int = 3) -> Path:
    index, _, chunks, questions, manifest = _sample(n)
    write_index(tmp_path / "idx", index, chunks, questions, manifest)
    return tmp_path / "idx"


def _one_line_with_fix(err: pytest.ExceptionInfo) -> str:
    message = str(err.value)
    assert "\n" not in message
    assert message.endswith("run `interviewer build`")
    return message


@pytest.mark.parametrize("index_type", [FLAT, HNSW])
def test_round_trip_keeps_everything(tmp_path, index_type):
    index, vectors, chunks, questions, manifest = _sample(5, index_type)
    write_index(tmp_path / "idx", index, chunks, questions, manifest)
    stored = load_index(tmp_path / "idx")
    assert stored.chunks == chunks
    assert stored.questions == questions
    assert stored.manifest == manifest
    assert np.allclose(stored_vectors(stored.faiss_index), vectors)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no temp dirs left
    assert not list((tmp_path / "idx").glob("*.pkl"))


def test_rewrite_replaces_the_old_index_whole(tmp_path):
    path = _written(tmp_path, 3)
    index, _, chunks, questions, manifest = _sample(4)
    write_index(path, index, chunks, questions, manifest)
    assert load_index(path).manifest.count == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]


def test_interrupted_swap_is_recovered(tmp_path):
    path = _written(tmp_path, 3)
    path.rename(tmp_path / ".idx.old-crashed")  # crash after moving the old index aside
    index, _, chunks, questions, manifest = _sample(4)
    write_index(path, index, chunks, questions, manifest)
    assert load_index(path).manifest.count == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]


def test_failed_write_leaves_the_old_index(tmp_path):
    path = _written(tmp_path, 3)
    index, _, chunks, questions, manifest = _sample(4)
    bad_chunks = [*chunks[:-1], object()]  # not serialisable: fails mid-write
    with pytest.raises(AttributeError):
        write_index(path, index, bad_chunks, questions, manifest)
    assert load_index(path).manifest.count == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]


def test_missing_index(tmp_path):
    with pytest.raises(IndexStateError, match="no index at") as err:
        load_index(tmp_path / "nothing")
    _one_line_with_fix(err)


@pytest.mark.parametrize(
    "name", ["vectors.faiss", "chunks.jsonl", "questions.jsonl", "manifest.json"]
)
def test_missing_file(tmp_path, name):
    path = _written(tmp_path)
    (path / name).unlink()
    with pytest.raises(IndexStateError, match=f"missing {name}") as err:
        load_index(path)
    _one_line_with_fix(err)


def test_corrupt_faiss_file(tmp_path):
    path = _written(tmp_path)
    (path / "vectors.faiss").write_bytes(b"\x00garbage" * 20)
    with pytest.raises(IndexStateError, match="corrupt vectors.faiss") as err:
        load_index(path)
    _one_line_with_fix(err)


def test_sidecar_and_faiss_lengths_differ(tmp_path):
    path = _written(tmp_path)
    lines = (path / "chunks.jsonl").read_text("utf-8").splitlines()
    (path / "chunks.jsonl").write_text("\n".join(lines[:-1]) + "\n", "utf-8")
    with pytest.raises(IndexStateError, match="3 vectors, chunks.jsonl 2 lines") as err:
        load_index(path)
    _one_line_with_fix(err)


@pytest.mark.parametrize("name", ["chunks.jsonl", "questions.jsonl", "manifest.json"])
def test_malformed_json(tmp_path, name):
    path = _written(tmp_path)
    with open(path / name, "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    with pytest.raises(IndexStateError, match=f"malformed {name}") as err:
        load_index(path)
    _one_line_with_fix(err)


def test_unknown_format_version(tmp_path):
    path = _written(tmp_path)
    data = json.loads((path / "manifest.json").read_text("utf-8"))
    data["format_version"] = 99
    (path / "manifest.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(
        IndexStateError, match="format version 99 but this interviewer reads"
    ) as err:
        read_questions(path)
    _one_line_with_fix(err)


def test_other_model_or_dimension_is_refused(tmp_path):
    path = _written(tmp_path)
    manifest = load_index(path).manifest
    with pytest.raises(
        IndexStateError, match="built with model m@1 but the configured model is e5"
    ) as err:
        check_model(manifest, path, "e5", DIM)
    _one_line_with_fix(err)
    with pytest.raises(
        IndexStateError, match="8-dimensional vectors but model m@1 makes 384"
    ) as err:
        check_model(manifest, path, "m@1", 384)
    _one_line_with_fix(err)
    check_model(manifest, path, "m@1", DIM)  # the right model passes


def test_stale_reason_names_what_changed():
    manifest = _sample()[4]
    assert stale_reason(manifest, {"a.txt": "abc"}) is None
    assert stale_reason(manifest, {"a.txt": "xyz"}) == (
        "the corpus changed since the index was built (1 changed (a.txt))"
    )
    reason = stale_reason(manifest, {"b.txt": "1", "c.txt": "2"})
    assert reason is not None and "2 added" in reason and "1 removed (a.txt)" in reason


def test_a_changed_parser_makes_the_index_stale():
    manifest = replace(_sample()[4], parser="p1")
    assert stale_reason(manifest, {"a.txt": "abc"}, "p1") is None
    assert stale_reason(manifest, {"a.txt": "abc"}, "p2") == (
        "the corpus parser changed since the index was built"
    )
    assert stale_reason(replace(manifest, parser=""), {"a.txt": "abc"}, "p2") is None


def test_index_type_is_a_function_of_size():
    assert choose_index_type(10) == FLAT
    assert choose_index_type(10_000_000) == HNSW
    assert choose_index_type(500, flat_max=100) == HNSW
