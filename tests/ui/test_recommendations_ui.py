"""The Recommendations area: train from the window, rank, compare, restyled thumbnails."""

from stylerec_app.storage.database import open_store
from tests.helpers import copy_store
from tests.ui.conftest import open_and_wait


def _copy(store, tmp_path):
    return copy_store(store, tmp_path / "demo.sqlite")


def test_train_rank_compare_and_open_in_studio(qtbot, window, profiled_demo, tmp_path):
    open_and_wait(qtbot, window, _copy(profiled_demo, tmp_path))
    window.nav.setCurrentRow(3)
    page = window.recommendations
    job = window.train_recommenders(["pop", "itemknn", "als"])
    qtbot.waitUntil(lambda: job.state == "done", timeout=120000)

    with qtbot.waitSignal(page.shown, timeout=30000) as shown:
        page.model_a.setCurrentIndex(page.model_a.findData("als"))
        page.model_b.setCurrentIndex(page.model_b.findData("itemknn"))
        page.show_for("S0010")
    picks_a, picks_b = shown.args[0]
    assert len(picks_a) == 12 and len(picks_b) == 12
    assert page.grid_a.count() == 12 and page.grid_b.isVisible()
    overlap = {p.product.id for p in picks_a} & {p.product.id for p in picks_b}
    highlighted = sum(page.grid_a.item(i).background().color().name() == "#ffecaa"
                      for i in range(12))
    assert highlighted == len(overlap)
    assert "in both lists" in page.status.text()
    # Restyled thumbnails arrive from the inference thread.
    qtbot.waitUntil(lambda: len(page.grid_a.restyled) == 12, timeout=60000)
    page.restyled.setChecked(False)
    assert not page.grid_a.show_restyled
    from tests.ui.test_profiles_ui import _save

    page.restyled.setChecked(True)
    qtbot.waitUntil(lambda: len(page.grid_a.restyled) == 12, timeout=60000)
    _save(window, "recommendations-window.png", tmp_path)

    product = picks_a[0].product
    page.grid_a.product_activated.emit(product)
    assert window.nav.currentRow() == 2 and window.studio.product.id == product.id
    assert window.studio.shopper_edit.text() == "S0010"


def test_untrained_model_explains_what_to_do(qtbot, window, profiled_demo):
    open_and_wait(qtbot, window, profiled_demo)
    page = window.recommendations
    page.model_a.setCurrentIndex(page.model_a.findData("bpr"))
    page.model_b.setCurrentIndex(0)
    page.show_for("S0010")
    qtbot.waitUntil(lambda: "train" in page.status.text().lower(), timeout=10000)
    assert "No trained bpr model" in page.status.text()
    assert not page.train_now.isHidden() and page.train_now.text() == "Train bpr now"


def test_evaluation_split_shows_what_they_did_next(qtbot, window, profiled_demo):
    open_and_wait(qtbot, window, profiled_demo)
    window.nav.setCurrentRow(3)
    page = window.recommendations
    page.model_a.setCurrentIndex(page.model_a.findData("itemknn"))
    page.model_b.setCurrentIndex(0)
    page.shopper.setText(_busiest_after_split(profiled_demo))
    with qtbot.waitSignal(page.shown, timeout=60000):
        page.split_box.setChecked(True)
    held = page.held
    assert held and page.next_strip.isVisible() and page.next_strip.count() == len(held)
    assert "after the split" in page.next_view.text()
    cut_day = page.split.cut
    assert all(h.day >= "2026" for h in held) and cut_day > 0
    shown = {p.product.id for p in page.grid_a.picks}
    assert all(h.hit == (h.product.id in shown) for h in held)
    page.split_box.setChecked(False)
    assert not page.next_strip.isVisible()


def _busiest_after_split(path, days=20) -> str:
    """The shopper with the most events in the held-out days."""
    import numpy as np

    from stylerec_app.services.interactions import load_store

    store = open_store(path, create=True)
    ds = load_store(store)
    store.close()
    after = ds.events.day >= ds.events.day.max() - days
    return ds.user_names[int(np.bincount(ds.events.user[after]).argmax())]


def test_the_ranker_serves_in_the_app_with_reasons_and_family_badges(qtbot, window,
                                                                   profiled_demo, tmp_path):
    open_and_wait(qtbot, window, _copy(profiled_demo, tmp_path))
    window.nav.setCurrentRow(3)
    page = window.recommendations
    job = window.train_recommenders(["family-rule", "ranker-no-style"])
    qtbot.waitUntil(lambda: job.state == "done", timeout=120000)
    with qtbot.waitSignal(page.shown, timeout=30000) as shown:
        page.model_a.setCurrentIndex(page.model_a.findData("ranker-no-style"))
        page.model_b.setCurrentIndex(page.model_b.findData("family-rule"))
        page.show_for("S0010")
    picks_a, _ = shown.args[0]
    assert len(picks_a) == 12
    texts = [page.grid_a.item(i).text() for i in range(12)]
    reasons = [page.grid_a.reason_text(p) for p in picks_a]
    assert all(r and "{" not in r for r in reasons)
    assert all(reason in text for reason, text in zip(reasons, texts, strict=True))
    tips = [page.grid_a.item(i).toolTip() for i in range(12)]
    badged = [t for t, p in zip(tips, picks_a, strict=True) if p.product.family_size > 1]
    assert badged and all(" colours" in t for t in badged)
    families = [p.product.group_id for p in picks_a]
    assert max(families.count(f) for f in set(families)) <= 2  # two colours at most
    from tests.ui.test_profiles_ui import _save

    qtbot.waitUntil(lambda: len(page.grid_a.restyled) == 12, timeout=60000)
    _assert_true_to_the_product(page.grid_a, picks_a)
    window.resize(1400, 900)
    qtbot.wait(200)
    _save(window, "recommendations-ranker.png", tmp_path)


def _assert_true_to_the_product(grid, picks) -> None:
    """Every restyled tile keeps its product's own pixels (within one level) inside the
    product mask: only the background carries the shopper's style."""
    import numpy as np
    from PySide6.QtGui import QImage

    from stylerec_app.engine.palette import product_mask
    from stylerec_app.services.photos import open_photo
    from stylerec_app.services.styling import fit
    from stylerec_app.ui.recommendations_page import THUMB

    for pick in picks:
        original = fit(open_photo(pick.product.image_path, THUMB), THUMB)
        tile = grid.restyled[pick.product.id].toImage().convertToFormat(
            QImage.Format.Format_RGB888)
        pixels = np.frombuffer(tile.constBits(), np.uint8).reshape(
            tile.height(), tile.bytesPerLine())[:, : 3 * tile.width()].reshape(
            tile.height(), tile.width(), 3)
        mask = product_mask(original)
        diff = np.abs(pixels.astype(int) - np.asarray(original, int))[mask]
        assert mask.mean() > 0.05 and diff.max() <= 1, pick.product.external_id
        assert np.abs(pixels.astype(int) - np.asarray(original, int))[~mask].mean() > 2


def test_train_now_and_the_train_dialog_then_changing_the_model_re_ranks(qtbot, window,
                                                                         demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    window.nav.setCurrentRow(3)
    page = window.recommendations
    page.model_a.setCurrentIndex(page.model_a.findData("pop"))
    page.model_b.setCurrentIndex(0)
    page.show_for("S0010")
    qtbot.waitUntil(lambda: page.train_now.isVisible(), timeout=10000)
    with qtbot.waitSignal(page.shown, timeout=60000) as shown:  # trains, then ranks
        page.train_now.click()
    assert len(shown.args[0][0]) == 12 and not page.train_now.isVisible()
    qtbot.waitUntil(lambda: window.update_stats() is None and hasattr(window, "last_stats"),
                    timeout=5000)
    qtbot.waitUntil(lambda: window.last_stats.interactions > 0, timeout=5000)
    dialog = window.ask_train_recommenders()
    assert set(dialog.chosen()) == {"pop", "itemknn", "family-rule", "als", "ranker"}
    assert not dialog.boxes["vbpr"].isEnabled()  # needs profiles: none built here
    assert "minute" in dialog.boxes["ranker"].text()
    for name, box in dialog.boxes.items():
        box.setChecked(name == "family-rule")
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000) as added:
        dialog.accept()
    qtbot.waitUntil(lambda: added.args[0].state == "done", timeout=60000)
    assert added.args[0].result == ["family-rule"]
    with qtbot.waitSignal(page.shown, timeout=30000) as again:  # another model: re-ranked
        page.model_a.setCurrentIndex(page.model_a.findData("family-rule"))
    assert [p.product.id for p in again.args[0][0]] != [p.product.id for p in shown.args[0][0]]
