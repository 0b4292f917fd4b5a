"""Rank every candidate item for each test user and keep per-user metric values.

Candidates (what a model may rank for a user):
- ``unseen`` (default): every item except those the user interacted with in training;
- ``unseen-relevant``: only training items that count as relevant are removed (Cornac 2+:
  items rated below the threshold stay in the ranking as negatives);
- ``all``: nothing removed — training items stay in the ranking and take top places
  (Cornac 1.x ranked this way; its precision and recall are lower for it).
With ``exclude_unknowns`` items never seen in training are dropped from candidates and
from the ground truth (the literature's default on MovieLens). Full ranking is the
default; ``sampled`` ranks the relevant items among N random negatives instead.
AUC always leaves the user's relevant training items out of the negatives (as Cornac
does in every version), so it is the same whichever candidates are ranked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.evaluation import metrics
from stylerec_app.evaluation.rank_kernel import rank_full

CANDIDATES = ("unseen", "unseen-relevant", "all", "buy-again")
AT_K = {"Recall": metrics.recall, "Precision": metrics.precision, "NDCG": metrics.ndcg,
        "MAP": metrics.map_at_k, "MRR": metrics.mrr, "HitRate": metrics.hit_rate}


@dataclass(frozen=True)
class RankingOptions:
    ks: tuple[int, ...] = (10, 20)
    candidates: str = "unseen"
    exclude_unknowns: bool = False
    sampled: int | None = None  # negatives per user; None = full ranking
    seed: int = 0

    def describe(self) -> str:
        ranking = (f"sampled ranking ({self.sampled} random negatives per user)"
                   if self.sampled else "full ranking over all items")
        seen = {"unseen": "items seen in training excluded",
                "unseen-relevant": "relevant items seen in training excluded (others stay)",
                "all": "items seen in training stay in the ranking",
                "buy-again": "buy-again analysis: items bought before stay in the ranking and "
                             "count when bought again (repeat purchases are candidates)",
                }[self.candidates]
        unknown = "; items unseen in training excluded" if self.exclude_unknowns else ""
        return f"{ranking}; {seen}{unknown}"


@dataclass
class GroundTruth:
    """Who is evaluated, on which items, and what each may not be shown."""

    users: np.ndarray
    relevant: list[np.ndarray]
    excluded: list[np.ndarray]
    known: np.ndarray  # items that may be ranked at all
    seen_relevant: list[np.ndarray] = field(default_factory=list)  # left out of AUC's negatives
    skipped: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)


def _rows(m: sp.csr_matrix, u: int) -> np.ndarray:
    return m.indices[m.indptr[u] : m.indptr[u + 1]]


def ground_truth(train: sp.csr_matrix, train_relevant: sp.csr_matrix, test_relevant: sp.csr_matrix,
                 test_any: np.ndarray, options: RankingOptions) -> GroundTruth:
    """`train`: users × items, nonzero where the user interacted in training;
    `train_relevant`: the relevant part of it; `test_relevant`: relevant test pairs;
    `test_any`: users with any test event (to count those skipped for having no relevant one)."""
    if options.candidates not in CANDIDATES:
        raise ValueError(f"candidates must be one of {', '.join(CANDIDATES)}")
    n_items = train.shape[1]
    known = (np.asarray(train.sum(0)).ravel() > 0) if options.exclude_unknowns else np.ones(
        n_items, bool)
    has_train = np.diff(train.indptr) > 0
    skipped = {"no relevant test item": 0, "no training history": 0,
               "only already-seen test items": 0}
    dropped = {"already seen": 0, "unknown item": 0}
    users, relevant, excluded, seen_relevant = [], [], [], []
    for u in np.flatnonzero(test_any):
        rel = np.unique(_rows(test_relevant, u))
        if not len(rel):
            skipped["no relevant test item"] += 1
            continue
        if not has_train[u]:
            skipped["no training history"] += 1
            continue
        unknown = ~known[rel]
        dropped["unknown item"] += int(unknown.sum())
        rel = rel[~unknown]
        if options.candidates == "unseen":
            exclude = _rows(train, u)
        elif options.candidates == "unseen-relevant":
            exclude = _rows(train_relevant, u)
        else:
            exclude = np.zeros(0, np.int64)
        repeat = np.isin(rel, exclude)
        dropped["already seen"] += int(repeat.sum())
        rel = rel[~repeat]
        if not len(rel):
            skipped["only already-seen test items" if repeat.any() else "no relevant test item"] += 1
            continue
        users.append(u)
        relevant.append(rel)
        excluded.append(exclude)
        seen_relevant.append(_rows(train_relevant, u))
    return GroundTruth(np.asarray(users, np.int64), relevant, excluded, known, seen_relevant,
                       skipped, dropped)


@dataclass
class RankingResult:
    users: np.ndarray
    per_user: dict[str, np.ndarray]  # "Recall@10" → one value per evaluated user
    top: np.ndarray  # users × max k recommended items
    beyond: dict[str, float]  # coverage, novelty, diversity, popularity bias at each k
    recall_curve: np.ndarray  # mean Recall@k for k = 1 … max k

    def mean(self, name: str) -> float:
        values = self.per_user[name]
        return float(np.nanmean(values)) if len(values) else float("nan")


SCORE_CELLS = 32_000_000  # users × items per score block (128 MB of float32)


def evaluate(score_many: Callable[[np.ndarray], np.ndarray], truth: GroundTruth,
             options: RankingOptions, popularity: np.ndarray, n_train_users: int,
             item_vectors: np.ndarray | None = None, progress: ProgressSink = ignore_progress,
             cancel: CancelToken | None = None, batch: int = 256,
             workers: int = 1) -> RankingResult:
    """`score_many(users)` → users × items scores (higher first).

    Users go in blocks small enough to bound memory at any catalogue size; with
    `workers` > 1 (and a thread-safe `score_many`), blocks are ranked on that many
    threads — the compiled per-user pass releases the GIL. Sampled ranking stays on
    one thread so its random negatives repeat.
    """
    ks = sorted(set(options.ks))
    max_k = ks[-1]
    names = [f"{m}@{k}" for k in ks for m in AT_K] + ["AUC", "MAP"]
    values = {n: np.full(len(truth.users), np.nan) for n in names}
    top = np.full((len(truth.users), max_k), -1, np.int64)
    rng = np.random.default_rng(options.seed)
    batch = max(1, min(batch, SCORE_CELLS // max(len(truth.known), 1)))
    starts = range(0, len(truth.users), batch)
    unknown = np.flatnonzero(~truth.known.astype(bool))

    def rank_block(start: int) -> np.ndarray:
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        curve = np.zeros(max_k)
        block = score_many(truth.users[start : start + batch])
        scores = _score_block(block) if options.sampled else _plain_block(block)
        mark = np.zeros(len(truth.known), np.uint8)  # this block's per-user item marks
        for row, s in enumerate(scores):
            n = start + row
            rel = truth.relevant[n]
            if options.sampled:
                order, ap, auc = _rank_sampled(s, rel, truth, n, options, rng)
            else:
                seen = truth.seen_relevant[n] if options.candidates == "all" else None
                order, ap, auc = rank_full(s, truth.known, unknown, mark, rel,
                                           truth.excluded[n], seen, max_k)
            top[n, : min(max_k, len(order))] = order[:max_k]
            for k in ks:
                for metric, fn in AT_K.items():
                    values[f"{metric}@{k}"][n] = fn(order, rel, k)
            values["AUC"][n] = auc
            values["MAP"][n] = ap
            hits = np.isin(order[:max_k], rel)
            curve += np.cumsum(np.r_[hits, np.zeros(max_k - len(hits))]) / len(rel)
        return curve

    curve = np.zeros(max_k)
    if workers > 1 and not options.sampled and len(starts) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as pool:
            for done, part in enumerate(pool.map(rank_block, starts)):
                curve += part
                progress(Progress(min((done + 1) * batch, len(truth.users)),
                                  len(truth.users), "rank"))
    else:
        for start in starts:
            curve += rank_block(start)
            progress(Progress(min(start + batch, len(truth.users)), len(truth.users), "rank"))
    if len(truth.users):
        curve /= len(truth.users)
    beyond = _beyond(top, ks, popularity, n_train_users, item_vectors, int(truth.known.sum()))
    return RankingResult(truth.users, values, top, beyond, curve)


def _plain_block(block) -> np.ndarray:
    """Scores as the compiled ranking reads them (float32 or float64, rows contiguous);
    not copied when they already are."""
    block = np.ascontiguousarray(block)
    return block if block.dtype in (np.float32, np.float64) else block.astype(np.float64)


def _score_block(block) -> np.ndarray:
    """A writable copy of one block of scores, in the model's own precision (float32 stays
    float32: upcasting would not change any comparison), NaN ranked last."""
    block = np.array(block, copy=True)
    if block.dtype not in (np.float32, np.float64):
        block = block.astype(np.float64)
    return np.nan_to_num(block, copy=False, nan=-np.inf)


def _rank_sampled(s: np.ndarray, rel: np.ndarray, truth: GroundTruth, n: int,
                  options: RankingOptions, rng) -> tuple[np.ndarray, float, float]:
    """Relevant items among N random negatives: small, so sorted outright."""
    allowed = truth.known.copy()
    allowed[truth.excluded[n]] = False
    allowed[rel] = True
    candidates = np.flatnonzero(allowed)
    negatives = np.setdiff1d(candidates, rel, assume_unique=True)
    pick = rng.choice(negatives, min(options.sampled, len(negatives)), replace=False)
    candidates = np.union1d(rel, pick)
    order = candidates[np.argsort(-s[candidates], kind="stable")]
    auc_candidates = candidates
    if options.candidates == "all":
        auc_candidates = candidates[~np.isin(candidates, truth.seen_relevant[n])]
    return order, metrics.average_precision(order, rel), metrics.auc(s, rel, auc_candidates)


def _beyond(top, ks, popularity, n_train_users, vectors, n_items) -> dict[str, float]:
    out: dict[str, float] = {}
    for k in ks:
        lists = [row[row >= 0] for row in top[:, :k]]
        out[f"Coverage@{k}"] = metrics.coverage(lists, n_items)
        out[f"Novelty@{k}"] = metrics.novelty(lists, popularity, n_train_users)
        out[f"PopularityBias@{k}"] = metrics.popularity_bias(lists, popularity)
        if vectors is not None and len(lists):
            out[f"Diversity@{k}"] = float(np.mean(
                [metrics.intra_list_diversity(li, vectors) for li in lists]))
    return out
