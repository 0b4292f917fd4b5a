"""The real main window, offscreen: browse, filter, detail, screenshot, error states."""

import os
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from stylerec_app.storage.database import open_store
from tests.ui.conftest import open_and_wait, wait_for_thumbnails


def test_browse_the_demo_catalog_with_thumbnails(qtbot, window, demo_copy):
    assert open_and_wait(qtbot, window, demo_copy) == 336
    page = window.catalog
    assert page.model.rowCount() == 336
    assert page.count.text() == "336 products"
    wait_for_thumbnails(qtbot, page)
    first = page.model.index(0)
    pixmap = page.model.data(first, Qt.ItemDataRole.DecorationRole)
    assert pixmap.width() >= 100 and not pixmap.toImage().isNull()
    qtbot.waitUntil(lambda: "336 products" in window.stats_label.text())
    assert "300 shoppers" in window.stats_label.text()


def test_filters_narrow_the_grid(qtbot, window, demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    page = window.catalog
    qtbot.waitUntil(lambda: page.category.count() > 10)
    with qtbot.waitSignal(page.loaded) as blocker:
        page.category.setCurrentIndex(page.category.findData("Mug"))
    assert blocker.args[0] == 24
    assert {p.category for p in page.model.items} == {"Mug"}

    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClicks(page.search, "striped")
    assert page.model.items and all("striped" in p.title for p in page.model.items)
    assert all(p.category == "Mug" for p in page.model.items)

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.clear()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.category.setCurrentIndex(0)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.min_price.setValue(100)
    assert page.model.items and all(p.price >= 100 for p in page.model.items)

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("no such product anywhere")
    assert page.model.rowCount() == 0
    assert page.grid_stack.currentWidget() is page.message
    assert "No products match" in page.message.text()


def test_clicking_a_product_opens_its_detail(qtbot, window, demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    page = window.catalog
    view = page.view
    index = page.model.index(2)
    product = page.model.items[2]
    with qtbot.waitSignal(page.detail_loaded, timeout=5000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(index).center())
    detail = blocker.args[0]
    assert detail.summary.id == product.id
    pane = page.detail
    assert pane.title.text() == product.title
    assert pane.values["id"].text() == product.external_id
    assert "views" in pane.values["activity"].text()
    assert pane.attributes.rowCount() == len(detail.attributes) > 0
    qtbot.waitUntil(lambda: pane.photos.get(product.id, None) is not None, timeout=10000)


def test_a_product_family_shows_as_a_badge_and_a_strip_of_other_colours(qtbot, window,
                                                                        demo_copy, tmp_path):
    open_and_wait(qtbot, window, demo_copy)
    page = window.catalog
    row = next(r for r, p in enumerate(page.model.items) if p.external_id == "D0003")
    from stylerec_app.ui.catalog_model import BadgeRole

    index = page.model.index(row)
    assert page.model.data(index, BadgeRole) == "5 colours"
    assert "5 colours" in page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(page.detail_loaded, timeout=5000):
        page.view.setCurrentIndex(page.model.index(row))
    pane = page.detail
    assert pane.family.isVisible() and pane.family_label.text() == "Other colours and variants (4)"
    assert pane.family.count() == 4
    shown = [pane.family.item(i).data(Qt.ItemDataRole.UserRole) for i in range(4)]
    assert {p.colour for p in shown} == {"Grey", "Teal", "Beige", "Blue"}
    with qtbot.waitSignal(page.detail_loaded, timeout=5000) as blocker:  # a sibling opens
        pane.family.itemClicked.emit(pane.family.item(0))
    assert blocker.args[0].summary.id == shown[0].id
    window.resize(1400, 900)
    qtbot.wait(200)
    out_dir = Path(os.environ.get("STYLEREC_SCREENSHOTS", tmp_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(out_dir / "catalog-family.png"))


def _distinct_colours(image: QImage, step: int = 23) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_screenshot_of_the_catalog_window(qtbot, window, demo_copy, tmp_path):
    open_and_wait(qtbot, window, demo_copy)
    page = window.catalog
    wait_for_thumbnails(qtbot, page, rows=12)
    page.view.setCurrentIndex(page.model.index(1))
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=5000)
    qtbot.waitUntil(lambda: page.detail.photos.pending() == 0, timeout=5000)
    qtbot.wait(100)
    shot = window.grab()
    out_dir = Path(os.environ.get("STYLEREC_SCREENSHOTS", tmp_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    assert shot.save(str(out_dir / "catalog-window.png"))
    image = shot.toImage()
    assert image.width() >= 1000 and _distinct_colours(image) > 50


def test_empty_store_explains_what_to_do(qtbot, window, tmp_path):
    path = tmp_path / "empty.sqlite"
    open_store(path, create=True).close()
    assert open_and_wait(qtbot, window, path) == 0
    assert "no products yet" in window.catalog.message.text()
    assert window.catalog.message.isVisible()


def test_store_from_a_newer_version_shows_a_message_not_a_crash(qtbot, window, tmp_path):
    path = tmp_path / "future.sqlite"
    open_store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    with qtbot.waitSignal(window.store_opened, timeout=10000) as blocker:
        window.open_store_path(path)
    assert blocker.args[0] is None
    box = window._last_error_box
    assert box.isVisible() and "newer version of StyleRec" in box.text()
    assert "No store is open" in window.catalog.message.text()
    box.close()


def test_a_large_catalog_pages_in_as_the_grid_scrolls_and_search_uses_the_index(
        qtbot, window, tmp_path):
    from stylerec_app.services.importing import GenericSource, import_generic
    from tests.helpers import write_csv

    colours = ["Red", "Navy", "Green"]
    write_csv(tmp_path / "products.csv", ["product_id", "title", "category", "colour", "price"],
              [[f"P{i:05d}", f"Striped shirt {i} 条纹衬衫" if i % 10 == 0 else f"Plain shirt {i}",
                "Shirt", colours[i % 3], 10 + i % 50] for i in range(2500)])
    store = open_store(tmp_path / "big.sqlite", create=True)
    import_generic(store, GenericSource(products=tmp_path / "products.csv"))
    store.close()
    assert open_and_wait(qtbot, window, tmp_path / "big.sqlite") == 2500
    page = window.catalog
    assert page.count.text() == "2,500 products"
    assert page.model.rowCount() == 1000 and page.model.canFetchMore()

    def scroll_down_until(rows):
        page.view.scrollToBottom()  # the view asks the model for more near the end
        return page.model.rowCount() >= rows

    for rows in (2000, 2500):
        qtbot.waitUntil(lambda rows=rows: scroll_down_until(rows), timeout=20000)
    assert page.model.rowCount() == 2500, page.count.text()
    assert not page.model.canFetchMore()
    ids = [p.external_id for p in page.model.items]
    assert ids == sorted(ids) and len(set(ids)) == 2500  # no page twice, none skipped
    for text, expected in (("striped", 250), ("条纹衬", 250), ("P0123", 10), ("衬", 250)):
        with qtbot.waitSignal(page.loaded, timeout=10000) as shown:
            page.search.setText(text)
        assert shown.args[0] == expected, text
        assert all(text.lower() in (p.title + p.external_id).lower() for p in page.model.items)


def test_the_welcome_says_when_the_demo_store_is_ready(qtbot, window, tmp_path):
    from stylerec_app.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog.show_once(window)
    assert "being created now" in dialog.demo.text()
    with qtbot.waitSignal(window.catalog.loaded, timeout=60000):
        window.open_store_path(tmp_path / "demo.sqlite", create_demo_if_missing=True)
    assert "It is ready." in dialog.demo.text() and "being created" not in dialog.demo.text()
    assert window.prefs.welcome_shown
    dialog.close()


def test_a_new_search_starts_at_the_top_without_a_stale_detail(qtbot, window, demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    page = window.catalog
    bar = page.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)  # laid out
    last = page.model.index(page.model.rowCount() - 1)
    with qtbot.waitSignal(page.detail_loaded, timeout=5000):
        page.view.setCurrentIndex(last)
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("mug")
    assert bar.value() == 0
    assert page.detail.detail is None and page.detail.empty.isVisible()


def test_the_catalog_selection_follows_into_the_studio(qtbot, window, demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    page = window.catalog
    with qtbot.waitSignal(page.detail_loaded, timeout=5000):
        page.view.setCurrentIndex(page.model.index(3))
    chosen = page.model.items[3]
    window.nav.setCurrentRow(window.pages.indexOf(window.studio))  # Ctrl+3
    assert window.studio.product.id == chosen.id
    assert window.studio.product_edit.text() == chosen.external_id
    other = page.model.items[5]
    window.studio.set_product(other)  # chosen in the Studio: kept on the next visit
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(window.pages.indexOf(window.studio))
    assert window.studio.product.id == other.id


def test_pickers_search_products_and_shoppers_as_you_type(qtbot, window, demo_copy):
    open_and_wait(qtbot, window, demo_copy)
    window.nav.setCurrentRow(window.pages.indexOf(window.studio))
    studio = window.studio
    picker = studio.product_picker
    studio.product_edit.setFocus()
    qtbot.keyClicks(studio.product_edit, "floral trou")  # a title, not an id
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0, timeout=10000)
    rows = picker.texts()
    assert any(r.startswith("D0003 — Green floral trousers") for r in rows)
    assert all(not picker.model.item(r).icon().isNull() for r in range(len(rows)))  # photos
    with qtbot.waitSignal(picker.chosen, timeout=5000) as chosen:
        picker.completer.activated.emit(next(r for r in rows if r.startswith("D0003")))
    assert chosen.args[0] == "D0003" and studio.product_edit.text() == "D0003"
    qtbot.waitUntil(lambda: studio.product is not None and studio.product.external_id
                    == "D0003", timeout=10000)
    window.nav.setCurrentRow(window.pages.indexOf(window.recommendations))
    rec = window.recommendations
    rec.shopper.setFocus()
    qtbot.keyClicks(rec.shopper, "S001")
    qtbot.waitUntil(lambda: rec.shopper_picker.model.rowCount() > 0, timeout=10000)
    assert all(r.startswith("S001") and "events" in r for r in
               rec.shopper_picker.texts())


def test_a_page_for_rows_no_longer_shown_is_dropped_and_a_failed_page_is_asked_again(qtbot):
    from stylerec_app.domain.catalog import ProductSummary
    from stylerec_app.ui.catalog_model import CatalogListModel
    from stylerec_app.ui.thumbnails import ThumbnailCache

    def products(ids):
        return [ProductSummary(i, f"P{i}", f"Shirt {i}", "Shirt", "Red", 10.0, None, None,
                               "none") for i in ids]

    model = CatalogListModel(ThumbnailCache(size=32))
    asked = []
    model.more_wanted.connect(asked.append)
    model.set_items(products(range(1, 4)), has_more=True)
    model.fetchMore()
    assert asked == [3] and not model.canFetchMore()  # one request in flight
    model.fetch_failed()
    model.fetchMore()
    assert asked == [3, 3]  # scrolling again retries the page that failed
    model.append(3, products(range(4, 7)), has_more=True)
    model.append(3, products(range(4, 7)), has_more=True)  # the same page, answered twice
    assert [p.id for p in model.items] == [1, 2, 3, 4, 5, 6]
    model.set_items(products(range(10, 12)), has_more=True)  # a new search replaced the rows
    model.append(6, products(range(7, 9)), has_more=False)
    assert [p.id for p in model.items] == [10, 11] and model.canFetchMore()
