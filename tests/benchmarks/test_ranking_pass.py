"""One user's full ranking at 10^6 items: our compiled pass against a bare top-k.

    .venv/bin/python -m pytest tests/benchmarks/test_ranking_pass.py -s

Ours gives the top 20, full-ranking AP and AUC (every relevant item's exact rank) with
50 items excluded; the reference is numpy's argpartition for the top 20 alone, which
is the least any evaluator does per user. Both read the same float32 score rows.
"""

import time

import numpy as np
import pytest

N_ITEMS, USERS = 1_000_000, 64


@pytest.mark.parametrize("relevant", [1, 3, 30])
def test_full_ranking_pass_against_a_bare_top_k(relevant):
    from stylerec_app.evaluation.rank_kernel import rank_full

    rng = np.random.default_rng(0)
    scores = rng.standard_normal((USERS, N_ITEMS)).astype(np.float32)
    rels = [np.sort(rng.choice(N_ITEMS, relevant, replace=False)) for _ in range(USERS)]
    excluded = [rng.choice(N_ITEMS, 50, replace=False) for _ in range(USERS)]
    known, unknown = np.ones(N_ITEMS, bool), np.zeros(0, np.int64)
    mark = np.zeros(N_ITEMS, np.uint8)
    rank_full(scores[0], known, unknown, mark, rels[0], excluded[0], None, 20)  # compiled
    start = time.perf_counter()
    for s, rel, exc in zip(scores, rels, excluded, strict=True):
        rank_full(s, known, unknown, mark, rel, exc, None, 20)
    ours = (time.perf_counter() - start) / USERS
    start = time.perf_counter()
    for s in scores:
        np.argpartition(-s, 19)[:20]
    bare = (time.perf_counter() - start) / USERS
    print(f"\n{N_ITEMS:,} items, {relevant} relevant: full ranking (top 20, AP, AUC) "
          f"{ours * 1000:.2f} ms a user; argpartition top 20 alone {bare * 1000:.2f} ms: "
          f"ratio {ours / bare:.2f}")
