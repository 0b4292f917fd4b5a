"""Preferences file: round trip, bad values, newer schema, recent stores."""

import json

from stylerec_app.services import preferences as prefs_mod
from stylerec_app.services.preferences import Preferences


def test_round_trip_and_defaults(tmp_path):
    path = tmp_path / "config" / "preferences.json"
    assert prefs_mod.load(path) == Preferences()
    p = Preferences(device="cpu", language="zh_CN", theme="dark", data_folder=str(tmp_path),
                    thumbnail_cache_mb=128)
    p.add_recent(tmp_path / "a.sqlite")
    assert prefs_mod.save(p, path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == prefs_mod.SCHEMA_VERSION
    assert prefs_mod.load(path) == p


def test_bad_values_fall_back_and_newer_files_are_not_overwritten(tmp_path):
    path = tmp_path / "config" / "preferences.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema_version": 1, "device": "toaster", "theme": "dark",
                                "thumbnail_cache_mb": -5, "unknown": 1}), encoding="utf-8")
    loaded = prefs_mod.load(path)
    assert (loaded.device, loaded.theme, loaded.thumbnail_cache_mb) == ("auto", "dark", 256)
    path.write_text("{not json", encoding="utf-8")
    assert prefs_mod.load(path) == Preferences()
    newer = json.dumps({"schema_version": 99, "theme": "light"})
    path.write_text(newer, encoding="utf-8")
    assert prefs_mod.load(path).theme == "light"  # what we understand is still read
    assert not prefs_mod.save(Preferences(theme="dark"), path)
    assert path.read_text(encoding="utf-8") == newer


def test_recent_stores_newest_first_without_duplicates(tmp_path):
    p = Preferences()
    for n in range(12):
        p.add_recent(tmp_path / f"{n}.sqlite")
    p.add_recent(tmp_path / "5.sqlite")
    assert len(p.recent_stores) == prefs_mod.MAX_RECENT
    assert p.recent_stores[0].endswith("5.sqlite")
    assert len(set(p.recent_stores)) == len(p.recent_stores)
    (tmp_path / "5.sqlite").write_text("x")
    assert [x.name for x in p.existing_recent()] == ["5.sqlite"]


def test_settings_resolve_the_environment_once_and_preferences_after(tmp_path):
    from stylerec_app.services.settings import Settings

    env = {"STYLEREC_HOME": str(tmp_path), "STYLEREC_DEVICE": "cpu", "STYLEREC_DATA": "/data"}
    settings = Settings.resolve(env)
    assert settings.cache_dir == tmp_path / "cache" and settings.log_dir.is_dir()
    assert settings.device == "cpu" and str(settings.eval_data) == "/data"
    assert settings.default_store_path == tmp_path / "stores" / "demo.sqlite"
    settings.save_preferences(Preferences(language="zh_CN", device="cuda"))
    again = Settings.resolve({"STYLEREC_HOME": str(tmp_path)})
    assert (again.language, again.device) == ("zh_CN", "cuda")  # nothing forced: the file's
    assert Settings.resolve(env, language="en").language == "en"  # the command line wins
