"""The bundle's data list names files that exist (the full build is packaging/build.sh)."""

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))
import bundle_data  # noqa: E402


def test_every_data_entry_exists():
    for source, dest in bundle_data.data_entries():
        assert Path(source).exists(), source
        assert not Path(dest).is_absolute()
    assert (REPO / "resources" / "translations" / "stylerec_zh_CN.ts").is_file()
    for icon in ("stylerec.png", "stylerec.ico", "stylerec.icns"):
        assert (REPO / "resources" / "icons" / icon).is_file()


def test_weight_packages_are_installed_and_carry_files():
    for package in bundle_data.WEIGHT_PACKAGES:
        spec = importlib.util.find_spec(package)
        assert spec is not None, package
        folder = Path(spec.origin).parent
        assert any(p.suffix not in (".py", ".pyc") for p in folder.rglob("*") if p.is_file()), \
            f"{package} has no data files to collect"


def test_torchvision_operator_library_is_listed_and_version_matches_pyproject():
    names = [Path(src).name for src, _ in bundle_data.extension_binaries()]
    assert any(n.startswith("_C") for n in names), names
    assert bundle_data.version() == __import__("stylerec_app").__version__


def test_installer_recipes_exist():
    for path in ("packaging/stylerec.spec", "packaging/build.sh", "packaging/windows/stylerec.iss",
                 "packaging/macos/dmg_settings.py", "packaging/linux/stylerec.desktop",
                 "packaging/linux/make_tarball.sh"):
        assert (REPO / path).is_file(), path
