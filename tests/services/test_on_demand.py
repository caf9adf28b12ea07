"""The on-demand embedder: the builtin model's id and width without loading it, the model loaded
once at the first embedding, and a model that turns out different refused."""

from __future__ import annotations

import pytest

from interviewer.config import load_settings
from interviewer.embedding.model import BUILTIN_DIM, builtin_model_id
from interviewer.errors import ModelError
from interviewer.services.deferred import OnDemandEmbedder
from interviewer.services.models import on_demand_embedder


class _Model:
    def __init__(self, model_id="m", dim=3) -> None:
        self.model_id, self.dim = model_id, dim

    def embed_queries(self, texts):
        return [[0.0] * self.dim for _ in texts]


def test_the_model_loads_once_at_the_first_embedding():
    loads = []
    lazy = OnDemandEmbedder(lambda: loads.append(1) or _Model(), "m", 3)
    assert (lazy.model_id, lazy.dim, lazy.loaded) == ("m", 3, False)
    lazy.embed_queries(["a"])
    lazy.embed_queries(["b"])
    assert loads == [1] and lazy.loaded


def test_a_model_other_than_announced_is_refused():
    lazy = OnDemandEmbedder(lambda: _Model("other", 3), "m", 3)
    with pytest.raises(ModelError, match="reinstall"):
        lazy.embed_queries(["a"])


def test_the_builtin_is_announced_as_it_loads(embedder):
    lazy = on_demand_embedder(load_settings())
    assert isinstance(lazy, OnDemandEmbedder) and not lazy.loaded
    assert (lazy.model_id, lazy.dim) == (builtin_model_id(), BUILTIN_DIM)
    assert (embedder.model_id, embedder.dim) == (builtin_model_id(), BUILTIN_DIM)
