"""The merchandiser's curation, offscreen: the style gallery, swatches, personas built and
used in the Studio and Recommendations, a collection reviewed, exported and re-opened."""

import csv
import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stylerec_app.services.recommendation import models
from stylerec_app.storage.database import open_store
from stylerec_app.ui.main_window import MainWindow
from tests.helpers import copy_store
from tests.ui.conftest import open_and_wait


@pytest.fixture
def curated(profiled_demo, tmp_path):
    """A private copy of the profiled demo store with the popularity model trained."""
    target = copy_store(profiled_demo, tmp_path / "demo.sqlite")
    store = open_store(target)
    models.train_and_save(store, "pop")
    store.close()
    return target


def _screens(tmp_path) -> Path:
    out = Path(os.environ.get("STYLEREC_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    return out


def _build_personas(qtbot, window, k=None):
    window.show_area(window.shopper_tabs)
    window.shopper_tabs.setCurrentWidget(window.personas)
    with qtbot.waitSignal(window.personas.loaded, timeout=60000,
                          check_params_cb=lambda personas: bool(personas)):
        job = window.build_personas(k)
    assert job.state == "done"
    return window.personas.personas


def test_the_gallery_shows_every_built_in_style_on_the_current_product(qtbot, window,
                                                                      profiled_demo, tmp_path):
    open_and_wait(qtbot, window, profiled_demo)
    studio = window.studio
    qtbot.waitUntil(lambda: studio.gallery.count() > 26, timeout=30000)
    product = window.catalog.model.items[3]
    window.restyle_product(product)
    qtbot.waitUntil(lambda: len(studio.gallery.thumbnails) == studio.gallery.count(),
                    timeout=60000)
    names = [studio.gallery.item(r).text() for r in range(26)]
    assert names[:3] == ["Sunny pastel", "Pop-art blocks", "Charcoal wash"]
    assert len(set(names)) == 26 and not any(n.startswith("Style ") for n in names)
    assert all(not studio.gallery.thumbnails[r].isNull() for r in range(26))
    with qtbot.waitSignal(studio.preview_shown, timeout=30000) as shown:
        item = studio.gallery.item(9)
        studio.gallery.itemClicked.emit(item)
    assert studio.source.currentText() == "Floral print"
    assert shown.args[0].request.spec.weights[9] == 1.0
    assert shown.args[0].request.spec.mask == "background"
    assert studio.gallery.currentRow() == 9
    assert window.grab().save(str(_screens(tmp_path) / "style-gallery.png"))


def test_shopper_cards_show_style_names_with_swatches(qtbot, window, profiled_demo):
    open_and_wait(qtbot, window, profiled_demo)
    window.show_area(window.shopper_tabs)
    page = window.shoppers
    qtbot.waitUntil(lambda: page.list.count() > 0, timeout=20000)
    with qtbot.waitSignal(window.swatches.ready, timeout=60000):
        page.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: page.card.styles.rows and all(page.card.styles.icons),
                    timeout=20000)
    assert not any(name.startswith("Style ") for name, _ in page.card.styles.rows)


def test_a_persona_is_built_restyled_for_and_recommended_for(qtbot, window, curated,
                                                             tmp_path):
    open_and_wait(qtbot, window, curated)
    personas = _build_personas(qtbot, window)
    assert 2 <= len(personas) <= 8 and window.personas.list.count() == len(personas)
    panel = window.personas
    qtbot.waitUntil(lambda: panel.members.count() > 0, timeout=20000)
    assert panel.title.text() and panel.styles.rows and panel.categories.rows
    assert window.grab().save(str(_screens(tmp_path) / "personas.png"))
    # a typical member opens in the Shoppers tab
    with qtbot.waitSignal(window.shoppers.profile_loaded, timeout=20000) as opened:
        panel.members.itemClicked.emit(panel.members.item(0))
    assert opened.args[0].shopper.external_id == panel.members.item(0).text()
    assert window.shopper_tabs.currentWidget() is window.shoppers
    # the Studio restyles with the persona's blend
    product = window.catalog.model.items[2]
    window.studio.set_product(product)
    with qtbot.waitSignal(window.studio.preview_shown, timeout=30000) as shown:
        panel.restyle.click()
    assert window.pages.currentWidget() is window.studio
    assert window.studio.shopper_edit.text() == "Persona: " + panel.current.name
    assert window.studio.blend_styles and not shown.args[0].error
    # Recommendations for the persona
    page = window.recommendations
    page.model_a.setCurrentIndex(page.model_a.findData("pop"))
    page.restyled.setChecked(False)
    with qtbot.waitSignal(page.shown, timeout=30000) as listed:
        panel.recommend.click()
    picks = listed.args[0][0]
    assert window.pages.currentWidget() is page and len(picks) == page.k.value()
    assert all(p.reason.code == "reason.persona" for p in picks)
    assert "most typical shoppers" in page.grid_a.reason_text(picks[0])
    # renamed, the persona keeps its id and the new name shows as given
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.rename_to("Weekend boots")
    assert panel.current.name == "Weekend boots" and panel.title.text() == "Weekend boots"
    # its top picks go into a collection, for that persona
    window.show_area(window.collections)
    collections = window.collections
    with qtbot.waitSignal(collections.changed, timeout=20000):
        collections.create("Boots")
    with qtbot.waitSignal(collections.changed, timeout=30000):
        collections.add_top("Weekend boots", 5, "pop")
    assert [i.persona for i in collections.view.items] == ["Weekend boots"] * 5


def test_a_collection_is_reviewed_exported_and_reopened_after_a_restart(
        qtbot, window, curated, settings, tmp_path):
    open_and_wait(qtbot, window, curated)
    personas = _build_personas(qtbot, window, k=3)
    page = window.collections
    window.show_area(page)
    qtbot.waitUntil(lambda: page.style.count() > 26 and page.for_personas.count() == 3,
                    timeout=30000)
    with qtbot.waitSignal(page.changed, timeout=20000):
        page.create("Autumn window")
    page.for_personas.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(page.changed, timeout=20000):
        page.add_products(["D0001", "D0002", "D0003"], page.ticked_personas())
    with qtbot.waitSignal(page.changed, timeout=20000):  # the catalog's results, for everyone
        window.catalog.search.setText("")
        page.for_personas.item(0).setCheckState(Qt.CheckState.Unchecked)
        page.style.setCurrentIndex(page.style.findText("Floral print"))
    with qtbot.waitSignal(page.changed, timeout=20000):
        window.add_catalog_results(page.view.name, [])
    view = page.view
    assert view.style.style == "Floral print" and view.style.mask == "background"
    assert sum(i.persona == personas[0].name for i in view.items) == 3
    assert len(view.items) > 3 and {i.persona for i in view.items} == {"", personas[0].name}
    with qtbot.waitSignal(page.changed, timeout=20000):  # another style for one persona
        page.set_persona_style(personas[0].name, "Indigo batik")
    assert page.view.style.per_persona == {personas[0].name: "Indigo batik"}
    changes = []
    page.changed.connect(lambda: changes.append(dict(page.view.style.per_persona)))
    page.set_persona_style(personas[0].name, "Floral print")  # two writes at once: they
    page.set_persona_style(personas[0].name, "Indigo batik")  # land and show in order
    qtbot.waitUntil(lambda: len(changes) == 2, timeout=20000)
    assert changes[-1] == {personas[0].name: "Indigo batik"}
    assert window.collections.service.collection(view.name).style.per_persona == changes[-1]
    qtbot.waitUntil(lambda: len(page.thumbs) >= 6, timeout=60000)
    # review: select two tiles, approve with the A key and a note; reject one with R
    page.grid.setFocus()
    page.grid.item(0).setSelected(True)
    page.grid.item(1).setSelected(True)
    page.note.setText("hero shot")
    with qtbot.waitSignal(page.changed, timeout=20000):
        qtbot.keyClick(page.grid, Qt.Key.Key_A)
    page.grid.clearSelection()
    page.grid.item(2).setSelected(True)
    page.note.setText("")
    with qtbot.waitSignal(page.changed, timeout=20000):
        qtbot.keyClick(page.grid, Qt.Key.Key_R)
    assert page.view.counts["approved"] == 2 and page.view.counts["rejected"] == 1
    qtbot.waitUntil(lambda: len(page.thumbs) >= 6, timeout=60000)
    assert window.grab().save(str(_screens(tmp_path) / "collections.png"))
    # export as a job: files, originals and a manifest whose checksums match
    out = tmp_path / "shop"
    job = window.export_collection("Autumn window", out)
    qtbot.waitUntil(lambda: job.state in ("done", "failed"), timeout=120000)
    assert job.state == "done", job.error
    rows = list(csv.DictReader(open(out / "manifest.csv", encoding="utf-8")))
    assert len(rows) == 2 and {r["note"] for r in rows} == {"hero shot"}
    for r in rows:
        assert hashlib.sha256((out / r["file"]).read_bytes()).hexdigest() == r["checksum"]
        assert (out / r["original"]).exists() and r["style"] == "Indigo batik"
        assert r["persona"] == personas[0].name
    # a restart: a new window on the same store finds the collection as it was left
    window.jobs.shutdown()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    open_and_wait(qtbot, again, curated)
    qtbot.waitUntil(lambda: again.collections.view is not None, timeout=20000)
    assert again.collections.view.name == "Autumn window"
    assert again.collections.view.counts["approved"] == 2
    again.jobs.shutdown()

