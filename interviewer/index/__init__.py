"""The on-disk retrieval index: FAISS vectors, a chunk sidecar and a manifest, plus search."""
