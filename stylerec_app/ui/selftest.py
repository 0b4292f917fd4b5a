"""`stylerec-gui --self-test` (and the frozen app's `--self-test`): prove an installation works end to end, offline.

Used by IT after installing and by the packaging script on the frozen bundle: opens
(creates) a store through the migrations, loads every pretrained model from the
installed files, restyles a photo, trains and ranks with a recommender, loads the
Qt platform and the Chinese translation. Prints one line per check; exit 0 only if all pass.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from pathlib import Path


def _checks(work: Path, settings):
    from PIL import Image

    from stylerec_app.services.engines import Engines

    state: dict = {}
    engines = Engines("cpu", work)

    def store():
        from stylerec_app.services.demo import create_demo_store
        from stylerec_app.services.stores import open_store

        s = open_store(work / "selftest.sqlite", create=True)
        create_demo_store(s, products=40, shoppers=30)
        state["store"] = s
        return f"demo store with {s.path.stat().st_size // 1024} KB"

    def image_model():
        vec = engines.image.embed_images([Image.new("RGB", (224, 224), (200, 30, 30))])
        return f"EfficientNet-Lite0, {vec.shape[1]}-d"

    def text_model():
        vec = engines.text.embed(["red cotton dress"])
        return f"MiniLM, {vec.shape[1]}-d"

    def stylize():
        from stylerec_app.services.styling import build_spec

        photo = Image.new("RGB", (128, 128), (240, 240, 240))
        photo.paste((30, 60, 160), (32, 32, 96, 96))
        out = engines.stylizer.render(photo, build_spec("bank", index=0))
        return f"26-style network, {out.size[0]}×{out.size[1]}"

    def other_models():
        engines.stylizer.arbitrary()
        _ = engines.vgg
        engines.stylizer.vintage_net()
        return "style predictor, VGG19, vintage generator"

    def rank():
        from stylerec_app.services.recommendation import models
        from stylerec_app.services.recommendation.service import Query, RecommendationService

        trained = models.train_and_save(state["store"], "itemknn", engines=engines)
        service = RecommendationService(state["store"], engines)
        shopper = trained.dataset.user_names[0]
        picks = service.recommend(Query(shopper=shopper, model="itemknn", k=5))
        return f"item-kNN, {len(picks)} picks for {shopper}"

    def qt():
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from stylerec_app.ui.translations import Translations

        app = QApplication.instance() or QApplication(["stylerec-selftest"])
        if not Translations(app, work).apply("zh_CN"):
            raise RuntimeError("the Chinese translation did not load")
        return f"Qt {app.platformName()} platform, Chinese translation loaded"

    return [("store and migrations", store), ("image model", image_model),
            ("text model", text_model), ("stylize", stylize), ("style models", other_models),
            ("rank", rank), ("Qt and translations", qt)], state


def run_self_test(settings) -> int:
    from stylerec_app import __version__

    print(f"StyleRec {__version__} self-test ({'bundle' if getattr(sys, 'frozen', False) else 'source'})")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="stylerec-selftest-") as tmp:
        checks, state = _checks(Path(tmp), settings)
        for name, check in checks:
            start = time.perf_counter()
            try:
                detail = check()
                print(f"  ok    {name:<22} {detail} ({time.perf_counter() - start:.1f} s)")
            except Exception as exc:  # report every failing check, not just the first
                failures += 1
                print(f"  FAIL  {name:<22} {type(exc).__name__}: {exc}")
                traceback.print_exc(limit=3)
        if "store" in state:
            state["store"].close()
    print("self-test passed" if not failures else f"self-test FAILED ({failures} checks)")
    return 0 if not failures else 1
