"""Similar-product search at catalog scale: the faiss IVF index against exact search, recall@100
and latency, on clustered synthetic 1280-d embeddings (real image embeddings cluster by
product type and colour; uniform noise would make any ANN look bad and mean nothing).

Run: .venv/bin/python -m pytest tests/benchmarks/test_ann_bench.py -s
(STYLEREC_ANN_N=200000 for a quicker run; the default is 10^6 × 1280, about 10 GB of RAM.)
"""

from __future__ import annotations

import os
import time

import numpy as np

from stylerec_app.services.profiles.vector_index import VectorIndex

N = int(os.environ.get("STYLEREC_ANN_N", 1_000_000))
DIM, QUERIES, K = 1280, 100, 100
CLUSTERS = max(1, N // 20)  # families of ~20 look-alikes, 50 families to a type


def _embeddings(rng) -> np.ndarray:
    """Product types, families within a type, items within a family: an item's nearest
    hundred cross family borders within its type, as real look-alikes do."""
    types = rng.standard_normal((max(1, CLUSTERS // 50), DIM), dtype=np.float32)
    families = types[np.arange(CLUSTERS) // 50 % len(types)] + 0.7 * rng.standard_normal(
        (CLUSTERS, DIM), dtype=np.float32)
    out = np.empty((N, DIM), np.float32)
    for start in range(0, N, 50_000):
        stop = min(N, start + 50_000)
        which = rng.integers(0, CLUSTERS, stop - start)
        block = families[which] + 0.7 * rng.standard_normal((stop - start, DIM),
                                                             dtype=np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def test_ivf_recall_and_latency_against_exact_search(benchmark):
    rng = np.random.default_rng(0)
    matrix = _embeddings(rng)
    ids = np.arange(1, N + 1, dtype=np.int64)
    start = time.perf_counter()
    index = VectorIndex(ids, matrix)
    built = time.perf_counter() - start
    assert index.approximate
    exact = VectorIndex.__new__(VectorIndex)  # the same vectors, searched exactly
    exact.ids, exact.matrix, exact._ann = ids, matrix, None
    queries = matrix[rng.choice(N, QUERIES, replace=False)]
    recalls, ann_ms, exact_ms = [], [], []
    for q in queries:
        t = time.perf_counter()
        truth = {i for i, _ in exact.search(q, K)}
        exact_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        found = {i for i, _ in index.search(q, K)}
        ann_ms.append((time.perf_counter() - t) * 1000)
        recalls.append(len(found & truth) / K)
    benchmark.pedantic(lambda: index.search(queries[0], K), rounds=20, iterations=1)
    recall = float(np.mean(recalls))
    print(f"\nSimilar products on {N:,} × {DIM} vectors: IVF ({int(4 * np.sqrt(N))} lists, "
          f"nprobe 32) recall@{K} {recall:.3f}, p50 {np.median(ann_ms):.1f} ms; exact p50 "
          f"{np.median(exact_ms):.1f} ms — ratio exact/ANN "
          f"{np.median(exact_ms) / np.median(ann_ms):.1f}×; index built in {built:.0f} s")
    assert recall >= 0.95
