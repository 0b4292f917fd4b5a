"""Test-wide settings: offscreen Qt, a private data folder, shared-data skips."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STYLEREC_LANG", "en")

from tests.helpers import SHARED_DATA, SHARED_HM  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _private_home(tmp_path_factory):
    """Never touch the real user data folder; evaluation data from ../shared when there."""
    home = tmp_path_factory.mktemp("stylerec-home")
    os.environ["STYLEREC_HOME"] = str(home)
    if os.environ.get("STYLEREC_SCREENSHOTS"):
        # screenshots for the README: test stores show as "~/…" as a user's would
        os.environ["HOME"] = str(tmp_path_factory.getbasetemp())
    if SHARED_DATA.is_dir():
        os.environ.setdefault("STYLEREC_DATA", str(SHARED_DATA))
    yield home


@pytest.fixture
def settings():
    """The settings an entry point would resolve (fresh: preferences read from disk)."""
    from stylerec_app.services.settings import Settings

    return Settings.resolve(os.environ)


@pytest.fixture(scope="session")
def shared_hm() -> Path:
    if not (SHARED_HM / "articles.csv").is_file():
        pytest.skip("needs the H&M sample in ../shared/data/hm (not present on this machine)")
    return SHARED_HM


@pytest.fixture(scope="session")
def shared_ml100k() -> Path:
    folder = SHARED_HM.parent / "ml-100k"
    if not (folder / "ml-100k.inter").is_file():
        pytest.skip("needs MovieLens-100K in ../shared/data/ml-100k (not present on this machine)")
    return folder


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the run (tests/pg_server.py), or the reason there is none."""
    from tests.pg_server import TestServer

    server = TestServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request):
    """The store engine a parametrised test runs on; PostgreSQL skips with the reason when
    no server could be started."""
    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        if server.url is None:
            pytest.skip(server.reason)
    return request.param


def new_location(backend: str, request, folder: Path, name: str = "store.sqlite"):
    """A new, empty store location on `backend`: a file path, or a team store's URL (set up,
    with its media folder in `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        return folder / name
    from stylerec_app.storage.team_store import open_team_store

    url = request.getfixturevalue("pg_server").new_database()
    open_team_store(url, create=True, media_dir=folder / f"{name}-team-media").close()
    return url


@pytest.fixture
def store_location(backend, request, tmp_path):
    return new_location(backend, request, tmp_path)


@pytest.fixture
def store(store_location):
    from stylerec_app.storage.database import open_store

    s = open_store(store_location, create=True)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path):
    """A store file, for what only SQLite has (pragmas, the file header, FTS5)."""
    from stylerec_app.storage.database import open_store

    s = open_store(tmp_path / "store.sqlite", create=True)
    yield s
    s.close()


def copy_to(location, backend: str, request, folder: Path):
    """The store at `location` copied into a new store on `backend` (a SQLite file is
    copied with SQLite's backup; a team store gets every row through store_copy)."""
    from stylerec_app.storage.database import open_store
    from stylerec_app.storage.store_copy import copy_store

    target = new_location(backend, request, folder, Path(str(location)).name)
    if backend == "sqlite":
        src, dst = sqlite3.connect(location), sqlite3.connect(target)
        src.backup(dst)
        dst.close()
        src.close()
        return target
    source, team = open_store(location), open_store(target)
    try:
        copy_store(source, team)
    finally:
        source.close()
        team.close()
    return target


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """One demo store per test session (generation takes seconds); tests copy it."""
    from stylerec_app.services.demo import create_demo_store
    from stylerec_app.storage.database import open_store

    folder = tmp_path_factory.mktemp("demo")
    s = open_store(folder / "demo.sqlite", create=True)
    create_demo_store(s, seed=7)
    s.close()
    return folder / "demo.sqlite"


@pytest.fixture
def demo_copy(demo_master, tmp_path) -> Path:
    """A private copy of the demo store (photos stay shared, read-only)."""
    target = tmp_path / "demo.sqlite"
    src = sqlite3.connect(demo_master)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return target


@pytest.fixture(scope="session")
def engines(_private_home):
    """Models load once per test session (they are the real pretrained weights). Their
    cache folder is the one the command line and the app use in this session, so each
    network is exported to ONNX once for all of them."""
    from stylerec_app.services.engines import Engines
    from stylerec_app.services.settings import Settings

    return Engines("cpu", Settings.resolve(os.environ).cache_dir)


@pytest.fixture(scope="session")
def profiled_demo(demo_master, engines, tmp_path_factory) -> Path:
    """The demo store with every profile built (about half a minute on 2 CPU cores)."""
    from stylerec_app.services.profiles import build_profiles
    from stylerec_app.storage.database import open_store

    target = tmp_path_factory.mktemp("profiled") / "demo.sqlite"
    src = sqlite3.connect(demo_master)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    store = open_store(target, create=True)
    build_profiles(store, engines)
    store.close()
    return target


@pytest.fixture(scope="session")
def profiled_demo_at(profiled_demo, backend, request, tmp_path_factory):
    """The profiled demo store on each backend (the team store gets a copy of every row)."""
    if backend == "sqlite":
        return profiled_demo
    return copy_to(profiled_demo, backend, request, tmp_path_factory.mktemp("team-demo"))


@pytest.fixture(scope="session")
def local_ray(tmp_path_factory):
    """One local Ray instance (2 CPUs) for the session's Ray tests; jobs connect to it."""
    ray = pytest.importorskip("ray", reason="Ray is not installed")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             configure_logging=False, _temp_dir=str(tmp_path_factory.mktemp("ray")))
    yield "local"
    ray.shutdown()
