"""Adding a recommender is one class and one registration (the registry is the only list)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from stylerec_app.cli import main
from stylerec_app.domain.progress import ignore_progress
from stylerec_app.engine.recommenders.base import Recommender
from stylerec_app.services.recommendation.registry import REGISTRY


class Toy(Recommender):
    """A made-up model: popularity times a boost (it only has to exist)."""

    state_fields = ("scores_",)
    grid = ({"boost": 1.0}, {"boost": 2.0})

    def __init__(self, boost: float = 1.0) -> None:
        super().__init__("toy", {"boost": boost})

    def fit(self, data, progress=ignore_progress, cancel=None):
        counts = np.asarray(data.binary().sum(0)).ravel().astype(np.float32)
        self.scores_ = counts * self.params["boost"]
        return self

    def scores(self, user):
        return self.scores_.copy()


@pytest.fixture
def toy():
    REGISTRY.register(Toy, summary="a toy")
    yield
    REGISTRY.unregister("toy")


def test_a_registered_toy_model_trains_evaluates_and_serves(toy, demo_copy, tmp_path, capsys):
    assert main(["train", "--db", str(demo_copy), "--model", "toy", "-q"]) == 0
    saved = demo_copy.with_name("demo_media") / "models" / "toy.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["params"] == {"boost": 1.0}
    assert "Trained toy" in capsys.readouterr().out
    assert main(["recommend", "--db", str(demo_copy), "--shopper", "S0010", "--model", "toy",
                 "-k", "3", "--json"]) == 0
    picks = json.loads(capsys.readouterr().out)
    assert len(picks) == 3 and picks[0]["reason"]
    report = tmp_path / "r.json"
    assert main(["evaluate", "--dataset", f"db:{demo_copy}", "--models", "toy,pop",
                 "--protocol", "leave-last", "--k", "10", "--json", str(report), "-q"]) == 0
    models = {m["name"]: m for m in json.loads(report.read_text(encoding="utf-8"))["models"]}
    assert set(models) == {"toy", "pop"}
    assert [t["params"] for t in models["toy"]["tuning"]] == [{"boost": 1.0}, {"boost": 2.0}]
    assert not models["toy"]["uses_images"]


def test_the_ui_lists_a_registered_model_without_being_told(toy, qtbot, settings):
    from stylerec_app.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    items = [window.recommendations.model_a.itemData(i)
             for i in range(window.recommendations.model_a.count())]
    assert "toy" in items and "hybrid" in items
    assert "toy" in window.evaluation.model_checks
    window.jobs.shutdown()
