"""Profiles in the window: the profiling job, the Shoppers card, palette and look-alikes."""

import os
from pathlib import Path

from PySide6.QtCore import Qt

from stylerec_app.services.importing import import_generic
from stylerec_app.storage.database import open_store
from tests.services.test_profiles import _shop
from tests.ui.conftest import open_and_wait


def _save(widget, name, tmp_path):
    out = Path(os.environ.get("STYLEREC_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(out / name))


def test_build_profiles_runs_on_the_inference_thread_and_fills_the_detail(qtbot, window,
                                                                          tmp_path, engines):
    store = open_store(tmp_path / "s.sqlite", create=True)
    import_generic(store, _shop(tmp_path))
    store.close()
    window.engines = engines  # the session's already-loaded models
    open_and_wait(qtbot, window, tmp_path / "s.sqlite")
    page = window.catalog
    with qtbot.waitSignal(page.profile_loaded, timeout=10000) as before:
        page.view.setCurrentIndex(page.model.index(0))
    assert before.args[0][0] is None
    qtbot.waitUntil(lambda: page.detail.profile_hint.isVisible(), timeout=5000)
    assert "Build Profiles" in page.detail.profile_hint.text()

    with qtbot.waitSignal(window.profiles_finished, timeout=120000) as done:
        window.profile_action.trigger()
    job = window.jobs.jobs[-1]
    assert job.shared_thread is window.jobs.inference_thread and job.state == "done"
    assert done.args[0].images_computed == 8
    assert window.device_label.text().startswith("Models on CPU")
    qtbot.waitUntil(lambda: page.detail.swatches.isVisible(), timeout=10000)
    assert page.detail.swatches.colours[0].name == "Red"
    assert page.detail.similar.count() == 7
    assert not page.detail.profile_hint.isVisible()


def test_shoppers_area_shows_a_profile_card(qtbot, window, profiled_demo, tmp_path):
    open_and_wait(qtbot, window, profiled_demo)
    window.nav.setCurrentRow(1)
    page = window.shoppers
    qtbot.waitUntil(lambda: page.list.count() == 200, timeout=10000)  # the first page
    assert page.count.text().startswith("300 shoppers")

    def scroll_down():
        page.list.scrollToBottom()  # the next page arrives as the list reaches its end
        return page.list.count() == 300

    qtbot.waitUntil(scroll_down, timeout=10000)
    names = [page.list.item(r).toolTip() for r in range(300)]
    assert names == sorted(names) and len(set(names)) == 300
    with qtbot.waitSignal(page.profile_loaded, timeout=10000) as loaded:
        page.list.setCurrentRow(0)
    view = loaded.args[0]
    card = page.card
    assert card.title.text() == view.shopper.external_id
    assert not view.is_default and view.events_used > 0
    assert card.categories.isVisible() and len(card.categories.rows) >= 2
    assert card.colours.isVisible() and card.colours.colours
    assert card.styles.isVisible() and card.styles.rows
    assert card.history.count() > 0 and card.similar.count() == 12
    assert "usually" in card.price.text()
    qtbot.waitUntil(lambda: card.similar.cache.pending() == 0 and card.history.cache.pending() == 0,
                    timeout=10000)
    qtbot.wait(50)
    _save(window, "shoppers-window.png", tmp_path)

    # Clicking a product in the card opens it in the catalog.
    item = card.similar.item(0)
    with qtbot.waitSignal(window.catalog.detail_loaded, timeout=10000) as shown:
        qtbot.mouseClick(card.similar.viewport(), Qt.MouseButton.LeftButton,
                         pos=card.similar.visualItemRect(item).center())
    assert shown.args[0].summary.id == item.data(Qt.ItemDataRole.UserRole).id
    assert window.nav.currentRow() == 0


def test_search_narrows_the_shopper_list(qtbot, window, profiled_demo):
    open_and_wait(qtbot, window, profiled_demo)
    page = window.shoppers
    qtbot.waitUntil(lambda: page.list.count() == 200, timeout=10000)
    with qtbot.waitSignal(page.shoppers_loaded, timeout=5000) as loaded:
        page.search.setText("S000")
    assert loaded.args[0] == 10


def test_catalog_detail_shows_palette_and_lookalikes(qtbot, window, profiled_demo, tmp_path):
    open_and_wait(qtbot, window, profiled_demo)
    page = window.catalog
    with qtbot.waitSignal(page.profile_loaded, timeout=10000) as loaded:
        page.view.setCurrentIndex(page.model.index(3))
    profile, similar = loaded.args[0]
    assert profile.status == "ok" and len(similar) == 8
    assert page.detail.swatches.isVisible() and page.detail.similar.count() == 8
    assert similar[0].product.category == page.model.items[3].category
    qtbot.waitUntil(lambda: page.detail.similar.cache.pending() == 0, timeout=10000)
    qtbot.waitUntil(lambda: page.detail.photos.pending() == 0, timeout=10000)
    qtbot.wait(50)
    _save(window, "catalog-detail-profile.png", tmp_path)


def test_unprofiled_shopper_says_how_to_get_a_profile(qtbot, window, demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    window.nav.setCurrentRow(1)
    page = window.shoppers
    qtbot.waitUntil(lambda: page.list.count() == 200, timeout=10000)
    assert "not built yet" in page.count.text()
    with qtbot.waitSignal(page.profile_loaded, timeout=10000):
        page.list.setCurrentRow(0)
    assert page.card.badge.isVisible() and "Build Profiles" in page.card.badge.text()
    assert page.card.history.count() > 0
