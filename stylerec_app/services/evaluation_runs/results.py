"""An evaluation's results as typed values (what the CLI and the app read), and their JSON.

`EvalReport.to_json()` is the report's file format (``--json``, and what the HTML report
is rendered from, so a saved file can be rendered again); in memory every consumer reads
attributes, never string keys.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np


@dataclass(frozen=True)
class Estimate:
    mean: float | None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Difference:
    """A paired comparison of two models over the same users (a − b)."""

    diff: float | None
    low: float | None
    high: float | None
    p_ttest: float | None
    p_wilcoxon: float | None
    n: int


@dataclass(frozen=True)
class ModelResult:
    name: str
    params: dict
    tuning: list
    uses_images: bool
    fit_seconds: float
    eval_seconds: float
    metrics: dict[str, Estimate]
    beyond: dict[str, float]
    recall_curve: list[float]
    extra: dict = field(default_factory=dict)  # e.g. a ranker's feature importances

    def value(self, metric: str) -> float | None:
        found = self.metrics.get(metric)
        return found.mean if found is not None else None


@dataclass(frozen=True)
class PerUser:
    users: list[str]
    values: dict[str, dict[str, list[float | None]]]  # model → metric → one value per user


@dataclass(frozen=True)
class EvalReport:
    app: str
    created: str
    seconds: float
    dataset: dict
    protocol: dict
    ranking: dict
    tuned: bool
    split: dict
    evaluated_users: int
    skipped_users: dict
    dropped_test_items: dict
    main_metric: str
    ks: list[int]
    models: list[ModelResult]
    skipped_models: dict
    baseline: str | None
    comparisons: dict[str, dict[str, Difference]]  # model → metric → against the baseline
    ablations: dict[str, dict[str, Difference]]  # "model − ablation" → metric → difference
    per_user: PerUser
    published: dict | None = None
    extra: dict = field(default_factory=dict)  # e.g. the candidate recall table

    def model(self, name: str) -> ModelResult | None:
        return next((m for m in self.models if m.name == name), None)

    @property
    def main_k(self) -> int:
        return self.ks[0]

    def to_json(self) -> dict:
        """Plain, JSON-able data (NaN as null): the saved report's format."""
        out = _plain(asdict(self))
        out["ablation"] = out["ablations"].get("hybrid − hybrid-no-style", None)
        return out


def _plain(value):
    """numpy → built-in types (NaN becomes None), recursively."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def plain(value):
    return _plain(value)
