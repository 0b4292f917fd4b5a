"""Personas at scale: k-means over many shoppers (k chosen by silhouette on a sample).

Run: .venv/bin/python -m pytest tests/benchmarks/test_personas_bench.py -s
Compares our clustering (mini-batch k-means past 50k shoppers) with full k-means on the
same rows, both timed here: time ratio and the silhouette each reaches.
"""

import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

from stylerec_app.engine import personas


def _shoppers(n: int, seed: int = 0) -> np.ndarray:
    """Style blends and category shares drawn around 6 tastes (Dirichlet), as features."""
    rng = np.random.default_rng(seed)
    centres_b = rng.dirichlet(np.full(26, 0.3), 6)
    centres_c = rng.dirichlet(np.full(24, 0.3), 6)
    which = rng.integers(0, 6, n)
    blends = np.array([rng.dirichlet(50 * centres_b[w] + 0.05) for w in which[:2000]])
    blends = np.vstack([blends] * (n // 2000 + 1))[:n]
    cats = np.vstack([np.array([rng.dirichlet(50 * centres_c[w] + 0.05) for w in which[:2000]])]
                     * (n // 2000 + 1))[:n]
    noise = rng.random((n, 26)) * 0.02
    return personas.features(blends + noise, cats)


def test_personas_for_a_million_shoppers_vs_full_kmeans():
    x = _shoppers(1_000_000)
    start = time.perf_counter()
    ours = personas.cluster(x, k=6)
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    full = KMeans(6, random_state=0, n_init=4).fit(x)
    full_s = time.perf_counter() - start
    sample = np.random.default_rng(0).choice(len(x), 4000, replace=False)
    full_sil = silhouette_score(x[sample], full.labels_[sample], random_state=0)
    start = time.perf_counter()
    chosen = personas.cluster(x[:200_000])  # k by silhouette over 2–8
    choose_s = time.perf_counter() - start
    print(f"\n1,000,000 shoppers, k=6: ours (mini-batch) {ours_s:.1f} s, silhouette "
          f"{ours.silhouettes[6]:.3f}; full k-means {full_s:.1f} s, silhouette {full_sil:.3f}; "
          f"ratio full/ours {full_s / ours_s:.1f}×. Choosing k on 200,000: {choose_s:.1f} s "
          f"→ k={chosen.k}")
    assert ours.silhouettes[6] > full_sil - 0.05 and chosen.k == 6
