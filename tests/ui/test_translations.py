"""Every UI string is in the Chinese catalogue, and the window really shows it."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stylerec_app.ui.main_window import MainWindow
from stylerec_app.ui.translations import Translations, compiled_qm, resources_dir

TS = resources_dir() / "translations" / "stylerec_zh_CN.ts"
UI = Path(__file__).resolve().parents[2] / "stylerec_app" / "ui"


def test_chinese_catalogue_covers_every_string_in_the_sources(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate, "pyside6-lupdate missing (PySide6-Essentials ships it)"
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run([lupdate, *map(str, sorted(UI.glob("*.py"))), "-ts", str(fresh),
                    "-no-obsolete", "-silent"], check=True)
    untranslated = [
        m.findtext("source")
        for m in ET.parse(fresh).getroot().iter("message")
        if not (m.findtext("translation") or "").strip()
        or m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert untranslated == [], "run pyside6-lupdate and translate these"


def test_catalogue_compiles(tmp_path):
    qm = compiled_qm("zh_CN")
    assert qm is not None and qm.stat().st_size > 1000


@pytest.fixture
def chinese(qapp, settings):
    translations = Translations(qapp, settings.cache_dir)
    assert translations.apply("zh_CN")
    yield translations
    translations.apply("en")


def test_main_window_in_chinese(qtbot, chinese, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["商品目录", "顾客", "风格工作室", "推荐", "合集", "评估", "任务"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "画像(&P)", "视图(&V)", "帮助(&H)"]
    assert window.catalog.search.placeholderText().startswith("搜索")
    assert window.catalog.category.itemText(0) == "全部类别"
