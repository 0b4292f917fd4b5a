"""Every model-using call of the app runs on its one inference thread (the hub records who
asked for each network): Studio previews, ranking with style affinity, style training."""

from __future__ import annotations

import sqlite3

from PIL import Image

from stylerec_app.services.engines import Engines
from stylerec_app.services.recommendation import models
from stylerec_app.services.stores import open_store
from tests.ui.conftest import open_and_wait


def _copy(src_path, dst_path):
    src, dst = sqlite3.connect(src_path), sqlite3.connect(dst_path)
    src.backup(dst)
    dst.close()
    src.close()
    return dst_path


def test_studio_style_ranking_and_training_use_the_one_inference_thread(
        qtbot, window, profiled_demo, tmp_path, engines):
    path = _copy(profiled_demo, tmp_path / "demo.sqlite")
    # A small hybrid with style affinity, trained beforehand with another hub (on this thread).
    store = open_store(path)
    models.train_and_save(store, "hybrid", {"with_vbpr": False, "style_users": 10,
                                            "shortlist": 6}, engines=engines)
    store.close()
    hub = window.engines
    assert hub.threads() == set()
    open_and_wait(qtbot, window, path)

    qtbot.waitUntil(lambda: window.studio.source.count() > 26, timeout=30000)
    with qtbot.waitSignal(window.studio.preview_shown, timeout=30000):
        window.restyle_product(window.catalog.model.items[3])
        window.studio.set_shopper("S0199")

    page = window.recommendations
    page.model_a.setCurrentIndex(page.model_a.findData("hybrid"))
    page.model_b.setCurrentIndex(0)
    with qtbot.waitSignal(page.shown, timeout=120000):
        page.show_for("S0010")
    assert hub.used_on.get("image") and hub.used_on.get("stylizer")

    picture = tmp_path / "style.png"
    Image.new("RGB", (64, 64), (20, 160, 60)).save(picture)

    class Dialog:  # the training dialog's two hooks, without showing it
        def relay(self, *_args):
            pass

        def attach(self, job):
            self.job = job

    dialog = Dialog()
    from stylerec_app.services.style_training import TrainConfig

    job = window.start_training(dialog, [str(picture)], "Green", TrainConfig(size=48, steps=2,
                                                                             batch=1))
    qtbot.waitUntil(lambda: job.state == "done", timeout=120000)
    assert "vgg" in hub.used_on
    assert hub.threads() == {"inference"}, hub.used_on


def test_a_hub_records_the_thread_that_asked(tmp_path):
    import threading

    hub = Engines("cpu", tmp_path)
    worker = threading.Thread(target=lambda: hub.style, name="elsewhere")
    worker.start()
    worker.join()
    assert hub.used_on == {"style-predictor": {"elsewhere"}}
