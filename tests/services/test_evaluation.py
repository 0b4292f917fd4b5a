"""The evaluation runner and `stylerec evaluate`: a tiny MovieLens file, the demo store,
and (when ../shared is here) the published MovieLens-100K numbers."""

import json

import numpy as np
import pytest

from stylerec_app.cli import main
from stylerec_app.evaluation.ranking import RankingOptions
from stylerec_app.evaluation.splits import Protocol
from stylerec_app.services.evaluation_runs.datasets import load_dataset
from stylerec_app.services.evaluation_runs.presets import PRESETS
from stylerec_app.services.evaluation_runs.runner import EvalConfig, evaluate_to_report
from tests.helpers import SHARED_DATA


@pytest.fixture
def tiny_movielens(tmp_path):
    """40 users in two taste groups over 30 items, RecBole atomic layout."""
    rng = np.random.default_rng(0)
    lines = ["user_id:token\titem_id:token\trating:float\ttimestamp:float"]
    for u in range(40):
        group = range(0, 15) if u % 2 else range(15, 30)
        for n, i in enumerate(rng.choice(list(group), 10, replace=False)):
            lines.append(f"u{u}\ti{i}\t{rng.integers(1, 6)}\t{880000000 + 3600 * (u * 10 + n)}")
    folder = tmp_path / "ml"
    folder.mkdir()
    (folder / "ml.inter").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_cli_evaluates_and_writes_both_reports(tiny_movielens, tmp_path, capsys):
    html, js = tmp_path / "r.html", tmp_path / "r.json"
    code = main(["evaluate", "--dataset", f"ml-100k:{tiny_movielens}", "--models",
                 "pop,itemknn,als,bpr,vbpr", "--k", "5,10", "--protocol", "user-random",
                 "--report", str(html), "--json", str(js), "-q"])
    assert code == 0
    out = capsys.readouterr().out
    assert "vbpr" in out and "not run" in out
    report = json.loads(js.read_text(encoding="utf-8"))
    names = [m["name"] for m in report["models"]]
    assert names == ["pop", "itemknn", "als", "bpr"]
    assert report["evaluated_users"] == 40 and report["ks"] == [5, 10]
    for model in report["models"]:
        for name, m in model["metrics"].items():
            assert 0.0 <= m["mean"] <= 1.0, (model["name"], name)
        assert len(model["tuning"]) >= 2  # the validation grid ran
    # two clean taste groups: the neighbourhood model beats popularity by a wide margin
    by_name = {m["name"]: m for m in report["models"]}
    assert by_name["itemknn"]["metrics"]["Recall@10"]["mean"] > \
        by_name["pop"]["metrics"]["Recall@10"]["mean"] + 0.2
    assert report["baseline"] in ("itemknn", "als", "bpr")
    assert set(report["comparisons"]) == set(names) - {report["baseline"]}
    assert len(report["per_user"]["users"]) == 40
    text = html.read_text(encoding="utf-8")
    assert text.count("<svg") == 3 and "Against the best non-visual model" in text


def test_cli_rejects_a_bad_dataset_with_a_clear_message(capsys):
    assert main(["evaluate", "--dataset", "nowhere:x", "-q"]) == 1
    assert "Unknown dataset" in capsys.readouterr().err


def test_demo_store_evaluation_with_image_models_and_the_ablation(profiled_demo, tmp_path,
                                                                 engines):
    config = EvalConfig(f"db:{profiled_demo}", Protocol("leave-last", unit="day"),
                        RankingOptions(ks=(10,)), ("pop", "content", "hybrid"), tune=False,
                        params={"hybrid": {"with_vbpr": False, "style_users": 8,
                                           "shortlist": 1}})
    report = evaluate_to_report(config, cache_dir=tmp_path, engines=engines)
    names = [m.name for m in report.models]
    assert names == ["pop", "content", "hybrid", "hybrid-no-style"]
    assert report.dataset["relevance"] == "purchases"
    assert report.evaluated_users > 50
    assert report.skipped_users["only already-seen test items"] >= 0
    assert set(report.ablations["hybrid − hybrid-no-style"]) >= {"Recall@10", "NDCG@10"}
    # hidden tastes are visual: the image model must beat best sellers on the demo store
    assert report.model("content").value("Recall@10") > report.model("pop").value("Recall@10")
    assert report.model("content").beyond["Diversity@10"] > 0


ML = SHARED_DATA / "ml-100k"
needs_ml = pytest.mark.skipif(not (ML / "ml-100k.inter").is_file(),
                              reason="needs MovieLens-100K in ../shared/data/ml-100k")


@needs_ml
@pytest.mark.parametrize("preset", ["cornac-1.16", "cornac-3", "recbole"])
def test_published_movielens_numbers_fall_inside_our_confidence_intervals(preset, tmp_path):
    p = PRESETS[preset]
    config = EvalConfig("ml-100k", p.protocol, p.ranking, ("bpr",), tune=False,
                        params=p.params, threshold=p.threshold)
    report = evaluate_to_report(config, cache_dir=tmp_path, data_dir=SHARED_DATA)
    metrics = report.models[0].metrics
    for name, published in p.published.items():
        m = metrics[name]
        assert m.low <= published <= m.high, (name, published, m)


@needs_ml
def test_movielens_loads_as_recbole_atomic_files():
    ds = load_dataset(f"ml-100k:{ML}", cache_dir=SHARED_DATA, threshold=4.0)
    assert (len(ds.user_names), len(ds.item_names), len(ds.user)) == (943, 1682, 100000)
    assert ds.relevant.sum() == 55375
    assert "Toy Story" in ds.item_names  # titles from ml-100k.item
