"""The Style Studio, offscreen: live previews off the GUI thread, latest wins, exports."""

import os
from pathlib import Path

from PIL import Image

from tests.ui.conftest import open_and_wait
from tests.ui.test_import_jobs import LoopWatch


def _studio(qtbot, window, store_path, shopper="S0199"):
    open_and_wait(qtbot, window, store_path)
    qtbot.waitUntil(lambda: window.studio.source.count() > 26, timeout=30000)
    product = window.catalog.model.items[3]
    with qtbot.waitSignal(window.studio.preview_shown, timeout=30000) as shown:
        window.restyle_product(product)
        window.studio.set_shopper(shopper)
    return window.studio, product, shown.args[0]


def test_preview_for_a_shopper_updates_live_and_ends_on_the_last_value(qtbot, window,
                                                                       profiled_demo, tmp_path):
    studio, product, first = _studio(qtbot, window, profiled_demo)
    assert window.nav.currentRow() == 2
    assert not first.error and not first.restyled.isNull()
    assert first.restyled.size() == first.original.size()
    assert studio.blend_box.isVisible() and studio.blend_styles
    assert "ms on CPU" in studio.status.text()

    watch = LoopWatch()
    shown = []
    studio.preview_shown.connect(shown.append)
    for value in (90, 75, 60, 45, 30, 15):
        studio.strength.setValue(value)
        qtbot.wait(15)
    qtbot.waitUntil(lambda: bool(shown) and shown[-1].request.spec.strength == 0.15,
                    timeout=20000)
    qtbot.wait(300)  # nothing older may arrive after the last value
    watch.timer.stop()
    assert shown[-1].request.spec.strength == 0.15
    assert studio.last_result.request.spec.strength == 0.15
    assert len(shown) < 6  # stale requests were skipped, not all rendered
    assert watch.max_gap < 1.0, f"GUI stalled {watch.max_gap:.2f} s while previews rendered"

    assert studio.mask.currentData() == "background"  # true to the product by default
    with qtbot.waitSignal(studio.preview_shown, timeout=20000) as masked:
        studio.mask.setCurrentIndex(studio.mask.findData("all"))
    assert masked.args[0].request.spec.mask == "all"
    assert "not the product's real colours" in studio.mask.currentText()
    with qtbot.waitSignal(studio.preview_shown, timeout=20000):
        studio.mask.setCurrentIndex(studio.mask.findData("background"))
    out = Path(os.environ.get("STYLEREC_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    studio.strength.setValue(100)
    qtbot.waitUntil(lambda: studio.last_result.request.spec.strength == 1.0, timeout=20000)
    assert window.grab().save(str(out / "style-studio.png"))


def test_single_and_batch_export(qtbot, window, profiled_demo, tmp_path):
    studio, product, _ = _studio(qtbot, window, profiled_demo)
    spec = studio.current_spec(full=True)
    single = window.export_restyled(spec, [product.external_id, tmp_path / "one.jpg"])
    qtbot.waitUntil(lambda: single.state == "done", timeout=30000)
    assert Image.open(tmp_path / "one.jpg").size == (320, 320)

    page = window.catalog
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.category.setCurrentIndex(page.category.findData("Mug"))
    batch = window.export_listing(spec, tmp_path / "mugs")
    qtbot.waitUntil(lambda: batch.state == "done", timeout=120000)
    assert len(list((tmp_path / "mugs").glob("*.png"))) == 24


def test_a_picture_becomes_a_style_in_the_studio(qtbot, window, profiled_demo, tmp_path):
    studio, _, _ = _studio(qtbot, window, profiled_demo)
    picture = tmp_path / "fractal.png"
    Image.effect_mandelbrot((128, 128), (-2, -1.5, 1, 1.5), 60).convert("RGB").save(picture)
    count = studio.source.count()
    job = window.add_picture_style(picture, "Fractal")
    qtbot.waitUntil(lambda: studio.source.count() == count + 1, timeout=30000)
    assert job.state == "done"
    index = next(i for i in range(studio.source.count())
                 if studio.source.itemText(i) == "Fractal (from a picture)")
    with qtbot.waitSignal(studio.preview_shown, timeout=30000) as shown:
        studio.source.setCurrentIndex(index)
    assert shown.args[0].request.spec.source == "arbitrary" and not shown.args[0].error
