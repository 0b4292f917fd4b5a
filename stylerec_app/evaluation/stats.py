"""Uncertainty of per-user means: bootstrap confidence intervals and paired tests.

Users are the unit of resampling (each user's metric value is one observation), so
two models evaluated on the same users are compared pairwise: the interval is for
the mean *difference*, and the p-values are the paired t-test and the Wilcoxon
signed-rank test (scipy), which agree when the per-user differences are well behaved.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BOOTSTRAP = 1000


def bootstrap_ci(values: np.ndarray, level: float = 0.95, resamples: int = BOOTSTRAP,
                 seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean."""
    v = np.asarray(values, np.float64)
    v = v[~np.isnan(v)]
    if len(v) < 2:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = v[rng.integers(0, len(v), (resamples, len(v)))].mean(1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


@dataclass(frozen=True)
class PairedComparison:
    diff: float  # mean(a) − mean(b)
    low: float
    high: float
    p_ttest: float
    p_wilcoxon: float
    n: int


def paired(a: np.ndarray, b: np.ndarray, level: float = 0.95, seed: int = 0) -> PairedComparison:
    """Compare two models' per-user values on the same users (a − b)."""
    from scipy import stats

    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    ok = ~(np.isnan(a) | np.isnan(b))
    d = a[ok] - b[ok]
    if len(d) < 2:
        return PairedComparison(float(d.mean()) if len(d) else float("nan"),
                                float("nan"), float("nan"), float("nan"), float("nan"), len(d))
    low, high = bootstrap_ci(d, level, seed=seed)
    if not np.any(d):
        return PairedComparison(0.0, low, high, 1.0, 1.0, len(d))
    p_t = float(stats.ttest_rel(a[ok], b[ok]).pvalue)
    p_w = float(stats.wilcoxon(d, zero_method="zsplit").pvalue)
    return PairedComparison(float(d.mean()), low, high, p_t, p_w, len(d))
