"""Named protocols that reproduce published tables (and the two H&M protocols).

Cornac's MovieLens-100K table changed between versions without its protocol text
changing: Cornac 1.x ranks every known item, so the user's training items stay in
the ranking and take top places; Cornac 2+ removes the training items the user
rated at or above the threshold (lower-rated ones stay as negatives). AUC is the
same in both (it always left those items out). `cornac-1.16` and `cornac-3` name
the two rules; both train the textbook BPR (uniform negatives) with Cornac's settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from stylerec_app.domain.days import day_number
from stylerec_app.evaluation.ranking import RankingOptions
from stylerec_app.evaluation.splits import Protocol

CORNAC_BPR = {"factors": 10, "iterations": 200, "learning_rate": 0.001, "regularization": 0.01,
              "negatives": "uniform", "seed": 123}


@dataclass(frozen=True)
class Preset:
    description: str
    protocol: Protocol
    ranking: RankingOptions
    threshold: float | None = None
    params: dict | None = None  # fixed parameters (no tuning) per model
    published: dict | None = None  # the numbers being reproduced


def _cornac(candidates: str, published: dict) -> Preset:
    return Preset(
        "Cornac MovieLens-100K: RatioSplit test 0.2, seed 123, rating ≥ 4 relevant, unknowns "
        f"excluded, BPR k=10 × 200 iterations, lr 0.001, λ 0.01 — candidates: {candidates}",
        Protocol("random", test=0.2, valid=0.0, seed=123),
        RankingOptions(ks=(10,), candidates=candidates, exclude_unknowns=True),
        threshold=4.0, params={"bpr": CORNAC_BPR}, published=published)


PRESETS: dict[str, Preset] = {
    "cornac-1.16": _cornac("all", {"AUC": 0.8695, "MAP": 0.0753, "NDCG@10": 0.0975,
                                   "Precision@10": 0.0727, "Recall@10": 0.0891}),
    "cornac-3": _cornac("unseen-relevant", {"AUC": 0.8695, "MAP": 0.1042, "NDCG@10": 0.1500,
                                            "Precision@10": 0.1110, "Recall@10": 0.1195}),
    "recbole": Preset(
        "RecBole quick start: per-user random split 8:1:1 (seed 2020), full ranking, "
        "training items excluded; BPR with 64 factors",
        Protocol("user-random", test=0.1, valid=0.1, seed=2020),
        RankingOptions(ks=(10,), candidates="unseen"),
        params={"bpr": {"factors": 64, "negatives": "uniform", "learning_rate": 0.05,
                        "iterations": 50}},
        published={"Recall@10": 0.2368, "NDCG@10": 0.2768, "HitRate@10": 0.7614}),
    "hm-temporal": Preset(
        "H&M global temporal split: test = purchases from 2020-08-25 on, validation the "
        "7 days before",
        Protocol("temporal", cut_day=day_number("2020-08-25"), valid_days=7.0),
        RankingOptions(ks=(12,), candidates="unseen")),
    "hm-last-day": Preset(
        "H&M per-shopper leave-last-purchase-day-out (shoppers with two or more purchase days)",
        Protocol("leave-last", last_n=1, unit="day"),
        RankingOptions(ks=(12,), candidates="unseen")),
}
