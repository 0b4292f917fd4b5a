"""The team store and Ray from the window: File → Open Team Store…, and Build Profiles sent to
the Ray cluster named in the preferences."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from stylerec_app.services.importing import import_generic
from stylerec_app.services.stores import open_store
from tests.services.test_profiles import _shop


@pytest.fixture
def team_shop(pg_server, tmp_path):
    """A team store holding the ten-product shop (its photos on this machine)."""
    if pg_server.url is None:
        pytest.skip(pg_server.reason)
    url = pg_server.new_database()
    store = open_store(url, create=True)
    import_generic(store, _shop(tmp_path / "shop", n_products=10))
    store.close()
    return url


def test_a_team_store_opens_from_its_dialog_and_profiles_on_ray(qtbot, window, team_shop,
                                                               local_ray, engines, settings,
                                                               tmp_path):
    window.engines = engines
    dialog = window.choose_team_store()
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    qtbot.keyClicks(dialog.url, "mysql://nope")
    assert not open_button.isEnabled() and "postgresql://" in dialog.status.text()
    dialog.url.setText(team_shop)
    dialog.password.setText("not-kept-anywhere")
    dialog.remember.setChecked(False)
    dialog.test.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Connected"), timeout=20000)
    out = Path(os.environ.get("STYLEREC_SCREENSHOTS", tmp_path))
    dialog.grab().save(str(out / "team-store-dialog.png"))
    with qtbot.waitSignal(window.catalog.loaded, timeout=30000):
        open_button.click()
    assert window.catalog.model.rowCount() == 10
    assert window.store_label.text().startswith("Team store postgresql://")
    assert "not-kept-anywhere" not in window.store_label.text()
    window.settings.save_preferences(window.prefs)
    saved = window.settings.preferences_path.read_text(encoding="utf-8")
    assert team_shop in json.loads(saved)["recent_stores"]
    assert "not-kept-anywhere" not in saved  # the password never reaches the preferences

    window.apply_preferences(replace(window.prefs, ray_address=local_ray))
    window.profile_action.trigger()
    job = window.jobs.jobs[-1]
    qtbot.waitUntil(lambda: job.state in ("done", "failed", "cancelled"), timeout=120000)
    assert job.state == "done", (job.error, job.error_details)
    assert "Ray" in job.title and job.result.images_computed == 10
    assert "Ray CPU worker" in window.device_label.text()
