"""Run an offline evaluation: split, tune on validation, refit, rank the test part, compare.

Each model is trained on the training part once per candidate setting of a small grid,
scored on the validation part by the main metric, refitted with the best setting on
train + validation and evaluated on the test part. Per-user values are kept so models
can be compared pairwise (against the best model that does not look at images), and
the hybrid is compared with itself without the style-affinity feature (ablation).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from stylerec_app import __version__
from stylerec_app.domain.days import day_label
from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.recommenders.data import TrainData, from_triples
from stylerec_app.evaluation import stats
from stylerec_app.evaluation.ranking import RankingOptions, RankingResult, evaluate, ground_truth
from stylerec_app.evaluation.splits import Protocol, Split, split
from stylerec_app.services.engines import Engines
from stylerec_app.services.evaluation_runs.datasets import EvalDataset
from stylerec_app.services.evaluation_runs.results import (
    Difference,
    Estimate,
    EvalReport,
    ModelResult,
    PerUser,
    plain,
)
from stylerec_app.services.recommendation import models
from stylerec_app.services.recommendation.registry import REGISTRY

COMPARED = ("Recall", "NDCG", "MAP", "HitRate")


@dataclass(frozen=True)
class EvalConfig:
    dataset: str
    protocol: Protocol = Protocol()
    ranking: RankingOptions = RankingOptions()
    models: tuple[str, ...] = ("pop", "itemknn", "als", "bpr")
    tune: bool = True
    params: dict = field(default_factory=dict)  # model → fixed parameters
    threshold: float | None = None
    baseline: str | None = None  # what every model is compared with (default: best non-visual)

    @property
    def main_metric(self) -> str:
        return f"NDCG@{self.ranking.ks[0]}"


@dataclass
class ModelRun:
    name: str
    params: dict
    tuning: list[dict]
    fit_seconds: float
    eval_seconds: float
    result: RankingResult
    extra: dict = field(default_factory=dict)


@dataclass
class EvalRun:
    config: EvalConfig
    dataset: EvalDataset
    split: Split
    truth_skipped: dict
    truth_dropped: dict
    runs: list[ModelRun]
    skipped_models: dict[str, str]
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    def run(self, name: str) -> ModelRun | None:
        return next((r for r in self.runs if r.name == name), None)


def _with_features(data: TrainData, features: TrainData | None) -> TrainData:
    if features is not None:
        for name in ("image", "text", "category", "colour", "price", "style", "family",
                     "segment", "category_names", "colour_names", "segment_names"):
            setattr(data, name, getattr(features, name))
    return data


class Evaluation:
    """One evaluation of several models on one dataset and protocol."""

    def __init__(self, dataset: EvalDataset, config: EvalConfig,
                 engines: Engines | None = None) -> None:
        self.ds, self.config, self.engines = dataset, config, engines
        self.n_users, self.n_items = len(dataset.user_names), len(dataset.item_names)
        self.split = split(dataset.user, dataset.day, dataset.relevant, config.protocol)
        self.full = self.split.train | self.split.valid  # what final models train on
        self._truths: dict[str, object] = {}
        self.score_workers = min(2, os.cpu_count() or 1)  # processes ranking the users
        if not self.split.test.any():
            raise StyleRecError("The protocol leaves no test events: check its settings.")

    # -- data for one stage ------------------------------------------------------------------
    def train_data(self, mask: np.ndarray) -> TrainData:
        d = self.ds
        data = from_triples(d.user[mask], d.item[mask], d.weight[mask], self.n_users,
                            self.n_items, d.day[mask])
        return _with_features(data, d.features)

    def _pairs(self, mask: np.ndarray) -> sp.csr_matrix:
        d = self.ds
        m = sp.csr_matrix((np.ones(mask.sum(), np.float32), (d.user[mask], d.item[mask])),
                          shape=(self.n_users, self.n_items))
        m.sum_duplicates()
        m.sort_indices()
        return m

    def truth(self, stage: str):
        """Who is evaluated on what at "valid" (tuning) or "test": the same for every
        model, so computed once per stage."""
        if stage not in self._truths:
            train, held = ((self.split.train, self.split.valid) if stage == "valid"
                           else (self.full, self.split.test))
            self._truths[stage] = self._ground_truth(train, held)
        return self._truths[stage]

    def _ground_truth(self, train_mask: np.ndarray, test_mask: np.ndarray):
        rel = self.ds.relevant
        test_any = np.bincount(self.ds.user[test_mask], minlength=self.n_users) > 0
        return ground_truth(self._pairs(train_mask), self._pairs(train_mask & rel),
                            self._pairs(test_mask & rel), test_any, self.config.ranking)

    # -- models ------------------------------------------------------------------------------
    def _fit(self, name: str, params: dict, data: TrainData, cancel):
        if (self.config.ranking.candidates in ("all", "buy-again")
                and "repeats" in REGISTRY.get(name).defaults()):
            params = {"repeats": True, **params}  # buy-again analysis: repeats are candidates
        model = models.make_model(name, params, self.engines)
        if self.ds.store is not None:
            models.prepare(self.ds.store, self.ds.store_data, data, model, self.engines)
        start = time.perf_counter()
        model.fit(data, cancel=cancel)
        models.flush_restyles(model)
        return model, time.perf_counter() - start

    def _score(self, model, truth, data: TrainData, progress=ignore_progress, cancel=None):
        popularity = np.asarray(data.binary().sum(0)).ravel()
        trained_users = int((np.diff(data.interactions.indptr) > 0).sum())
        # models that restyle while ranking share networks: those rank on one thread
        restyles = getattr(model, "style_affinity", None) is not None
        workers = 1 if restyles else self.score_workers
        try:
            return evaluate(model.scores_many, truth, self.config.ranking, popularity,
                            trained_users, data.image if data.image is not None else None,
                            progress, cancel, workers=workers)
        finally:
            models.flush_restyles(model)

    def grid(self, name: str) -> list[dict]:
        fixed = self.config.params.get(name, {})
        if fixed or not self.config.tune or not self.split.valid.any():
            return [dict(fixed)]
        return [dict(g) for g in REGISTRY.get(name).grid or [{}]]

    def steps(self, name: str) -> int:
        grid = len(self.grid(name))
        return (grid if grid > 1 else 0) + 2

    def run_model(self, name: str, step=lambda *_args: None, cancel=None) -> ModelRun:
        """`step(model, step, detail)` is called before each fit and before the final ranking."""
        s = self.split
        grid = self.grid(name)
        tuning = []
        if len(grid) > 1:
            train = self.train_data(s.train)
            truth = self.truth("valid")
            for n, params in enumerate(grid):
                step(name, "tuning", f"{n + 1}/{len(grid)}")
                model, _ = self._fit(name, params, train, cancel)
                result = self._score(model, truth, train, cancel=cancel)
                tuning.append({"params": params, "score": result.mean(self.config.main_metric)})
            best = max(tuning, key=lambda t: np.nan_to_num(t["score"], nan=-1.0))["params"]
        else:
            best = grid[0]
        data = self.train_data(self.full)
        step(name, "training")
        model, fit_seconds = self._fit(name, best, data, cancel)
        step(name, "ranking")
        start = time.perf_counter()
        truth = self.truth("test")
        result = self._score(model, truth, data, cancel=cancel)
        return ModelRun(name, {**model.params, **best}, tuning, fit_seconds,
                        time.perf_counter() - start, result, _model_extra(model, truth))


def _model_extra(model, truth) -> dict:
    """What a model reports beyond its metrics: the ranker's feature importances and the
    recall of its candidate generators on the test part (its ceiling)."""
    extra = {}
    if getattr(model, "importance", None):
        extra["feature_importance"] = dict(sorted(model.importance.items(),
                                                  key=lambda kv: -kv[1]))
        extra["trained_on"] = dict(getattr(model, "trained_on", {}))
    if hasattr(model, "candidate_recall") and len(truth.users):
        extra["candidate_recall"] = model.candidate_recall(truth.users, truth.relevant)
    return extra


def plan_models(requested, dataset: EvalDataset) -> tuple[list[str], dict[str, str]]:
    """Which models run (a model brings its registered ablations) and which cannot, and why."""
    names, skipped = [], {}
    for name in requested:
        spec = REGISTRY.get(name)
        if spec.needs_images and not dataset.has_images:
            skipped[name] = ("needs product image vectors: this dataset has no photos"
                             if dataset.store is None else
                             "needs product image vectors: build profiles first")
            continue
        names.append(name)
    ran = set(names)
    for name in list(requested):
        for ablation in REGISTRY.ablations_of(name):
            if ablation in names:
                continue
            if name in ran and not dataset.has_images:  # it would take away nothing
                skipped[ablation] = (f"same as {name} here: this dataset has no product "
                                     "images (nor style profiles)")
                continue
            names.append(ablation)
    return list(dict.fromkeys(names)), skipped


def run_evaluation(dataset: EvalDataset, config: EvalConfig, *, engines: Engines | None = None,
                   progress: ProgressSink = ignore_progress,
                   cancel: CancelToken | None = None, ray: str | None = None) -> EvalRun:
    """`ray` ("local" or a cluster address): models run as Ray actor calls, in parallel
    (those ranking with restyled images stay here)."""
    started = time.perf_counter()
    names, skipped = plan_models(config.models, dataset)
    evaluation = Evaluation(dataset, config, engines)
    truth = evaluation.truth("test")
    if not len(truth.users):
        raise StyleRecError("No user has both training history and a relevant test item "
                            f"({truth.skipped}); try another protocol.")
    total = sum(evaluation.steps(name) for name in names)
    done = 0

    def step(model: str, what: str, detail: str = "") -> None:
        nonlocal done
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        progress(Progress(done, total, "evaluate", model, what, detail))
        done += 1

    remote = {}
    if ray:
        from stylerec_app.services.evaluation_runs.remote import run_models_on_ray

        remote = run_models_on_ray(ray, evaluation, names, progress=progress, cancel=cancel,
                                   total=total)
        done = sum(evaluation.steps(name) for name in remote)
    runs = [remote[name] if name in remote else evaluation.run_model(name, step, cancel)
            for name in names]
    progress(Progress(total, total, "evaluate", step="done"))
    return EvalRun(config, dataset, evaluation.split, truth.skipped, truth.dropped, runs, skipped,
                   time.perf_counter() - started)


# -- summary ---------------------------------------------------------------------------------
def baseline_name(run: EvalRun) -> str | None:
    if run.config.baseline and run.run(run.config.baseline):
        return run.config.baseline
    main = run.config.main_metric
    candidates = [r for r in run.runs if not REGISTRY.get(r.name).uses_images]
    if not candidates:
        return None
    return max(candidates, key=lambda r: np.nan_to_num(r.result.mean(main), nan=-1.0)).name


def _comparison(a: ModelRun, b: ModelRun, ks) -> dict[str, Difference]:
    out = {}
    for k in ks:
        for metric in COMPARED:
            name = f"{metric}@{k}"
            c = stats.paired(a.result.per_user[name], b.result.per_user[name])
            out[name] = Difference(**{f: _number(getattr(c, f)) for f in
                                      ("diff", "low", "high", "p_ttest", "p_wilcoxon")}, n=c.n)
    return out


def _number(value) -> float | None:
    value = float(value) if value is not None else None
    return None if value is None or value != value else value


def build_report(run: EvalRun) -> EvalReport:
    """Everything the reports, the CLI and the app show, as typed values."""
    cfg = run.config
    ks = list(dict.fromkeys(cfg.ranking.ks))  # the first is the main cut-off
    base = baseline_name(run)
    users = run.runs[0].result.users if run.runs else np.zeros(0, np.int64)
    models_out = []
    for r in run.runs:
        metric_rows = {}
        for name, values in r.result.per_user.items():
            low, high = stats.bootstrap_ci(values)
            metric_rows[name] = Estimate(_number(r.result.mean(name)), _number(low),
                                         _number(high))
        models_out.append(ModelResult(
            r.name, plain(r.params), plain(r.tuning), REGISTRY.get(r.name).uses_images,
            r.fit_seconds, r.eval_seconds, metric_rows, plain(r.result.beyond),
            r.result.recall_curve.tolist(), dict(r.extra)))
    comparisons = {}
    if base is not None:
        b = run.run(base)
        comparisons = {r.name: _comparison(r, b, ks) for r in run.runs if r.name != base}
    ablations = {}
    for r in run.runs:
        target = REGISTRY.get(r.name).ablation_of
        if target and run.run(target):
            ablations[f"{target} − {r.name}"] = _comparison(run.run(target), r, ks)
    protocol = cfg.protocol
    return EvalReport(
        app=f"StyleRec {__version__}", created=time.strftime("%Y-%m-%d %H:%M:%S"),
        seconds=run.seconds, dataset=plain(run.dataset.summary()),
        protocol={**plain(vars(protocol)), "description": protocol.describe(day_label)},
        ranking={**plain(vars(cfg.ranking)), "description": cfg.ranking.describe()},
        tuned=cfg.tune, split=run.split.counts(), evaluated_users=int(len(users)),
        skipped_users=dict(run.truth_skipped), dropped_test_items=dict(run.truth_dropped),
        main_metric=cfg.main_metric, ks=ks, models=models_out,
        skipped_models=dict(run.skipped_models), baseline=base, comparisons=comparisons,
        ablations=ablations,
        per_user=PerUser([run.dataset.user_names[u] for u in users],
                         {r.name: {m: plain(v) for m, v in r.result.per_user.items()
                                   if m.endswith(f"@{ks[0]}") or m == "AUC"}
                          for r in run.runs}),
        extra={**run.extra, **({"baseline_asked": True} if base and base == cfg.baseline
                               else {})})


__all__ = ["EvalConfig", "EvalReport", "EvalRun", "Evaluation", "ModelRun", "Protocol",
           "RankingOptions", "baseline_name", "build_report", "plan_models", "run_evaluation"]


def evaluate_to_report(config: EvalConfig, *, cache_dir: Path, data_dir: Path | None = None,
                       engines: Engines | None = None, published: dict | None = None,
                       progress: ProgressSink = ignore_progress,
                       cancel: CancelToken | None = None, ray: str | None = None) -> EvalReport:
    """Load the dataset, run the evaluation, and return its report."""
    from stylerec_app.services.evaluation_runs.datasets import load_dataset

    need_images = any(REGISTRY.get(m).needs_images for m in config.models)
    dataset = load_dataset(config.dataset, cache_dir=cache_dir, data_dir=data_dir,
                           engines=engines, threshold=config.threshold,
                           need_images=need_images, progress=progress, cancel=cancel)
    try:
        report = build_report(run_evaluation(dataset, config, engines=engines,
                                             progress=progress, cancel=cancel, ray=ray))
    finally:
        dataset.close()
    if published:
        report = replace(report, published=published)
    return report
