"""A team store on PostgreSQL: the same results as a store file, refusal of what is not
ours, writers that queue instead of interleaving, and concurrent importers that lose nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from stylerec_app.domain.errors import SchemaTooNewError, StoreError
from stylerec_app.evaluation.ranking import RankingOptions
from stylerec_app.evaluation.splits import Protocol
from stylerec_app.services.evaluation_runs.runner import EvalConfig, evaluate_to_report
from stylerec_app.services.recommendation import models
from stylerec_app.services.recommendation.service import Query, RecommendationService
from stylerec_app.storage import orm
from stylerec_app.storage.database import open_store
from stylerec_app.storage.team_store import safe_url
from tests.conftest import copy_to


@pytest.fixture
def team_url(pg_server):
    if pg_server.url is None:
        pytest.skip(pg_server.reason)
    return pg_server.new_database()


def test_a_newer_or_foreign_database_is_refused_untouched(team_url, tmp_path):
    import psycopg

    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE orders (id int)")
    with pytest.raises(StoreError) as foreign:
        open_store(team_url, create=True)
    assert foreign.value.code == "store.foreign_db"
    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute("DROP TABLE orders")
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            ).fetchone()[0] == 0
    with pytest.raises(StoreError) as empty:
        open_store(team_url, create=False)
    assert empty.value.code == "store.empty_db"
    open_store(team_url, create=True).close()
    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        before = conn.execute("SELECT count(*) FROM information_schema.columns").fetchone()
    with pytest.raises(SchemaTooNewError):
        open_store(team_url, create=True)
    with psycopg.connect(team_url, autocommit=True) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999"
        assert conn.execute("SELECT count(*) FROM information_schema.columns"
                            ).fetchone() == before


def test_an_unreachable_server_is_a_sentence_and_passwords_never_show():
    with pytest.raises(StoreError) as lost:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing")
    assert lost.value.code == "store.cannot_connect"
    assert "secret" not in str(lost.value) and "secret" not in lost.value.params["path"]
    assert safe_url("postgresql://a:b@h:5/d") == "postgresql://a@h:5/d"


def test_a_copied_store_recommends_and_evaluates_exactly_as_the_file(profiled_demo, pg_server,
                                                                    request, tmp_path, engines):
    if pg_server.url is None:
        pytest.skip(pg_server.reason)
    file_copy = copy_to(profiled_demo, "sqlite", request, tmp_path / "file")
    team = copy_to(profiled_demo, "postgresql", request, tmp_path / "team")
    picks, reports = {}, {}
    for name, location in (("file", file_copy), ("team", team)):
        store = open_store(location)
        for model in ("pop", "itemknn", "als"):
            models.train_and_save(store, model, engines=engines)
        service = RecommendationService(store, engines)
        picks[name] = [[(p.product.external_id, round(p.score, 6)) for p in
                        service.recommend(Query(s, k=10, model=m, in_stock_only=True))]
                       for s in ("S0010", "S0100", "S0200") for m in ("pop", "itemknn", "als")]
        store.close()
        config = EvalConfig(f"db:{location}", Protocol("leave-last", unit="day"),
                            RankingOptions(ks=(10,)), ("pop", "itemknn"), tune=False)
        report = evaluate_to_report(config, cache_dir=tmp_path, engines=engines)
        reports[name] = {m.name: m.value("NDCG@10") for m in report.models}
    assert picks["file"] == picks["team"]
    assert reports["file"] == pytest.approx(reports["team"], abs=1e-12)
    assert reports["team"]["itemknn"] > 0


def _catalog(folder: Path, products: range, events: range) -> Path:
    """A generic-layout catalog; two of them overlap in products and events."""
    folder.mkdir(parents=True)
    (folder / "products.csv").write_text(
        "id,title,category,price\n" + "".join(f"P{i},Thing {i},Cat{i % 5},{i % 40 + 1}\n"
                                                for i in products), encoding="utf-8")
    (folder / "events.csv").write_text(
        "shopper_id,product_id,event,timestamp\n" + "".join(
            f"U{i % 97},P{products.start + i % len(products)},view,"
            f"2024-01-{i % 28 + 1:02d}T10:{i % 60:02d}:00\n" for i in events), encoding="utf-8")
    return folder


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "main.py", *args], cwd=Path(__file__).parents[2],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_importers_and_a_profiler_at_once_end_with_the_exact_union(team_url, tmp_path):
    seed = _catalog(tmp_path / "seed", range(0, 50), range(0, 200))
    a = _catalog(tmp_path / "a", range(0, 1500), range(0, 15000))
    b = _catalog(tmp_path / "b", range(1000, 2500), range(10000, 25000))
    assert _cli("import", "generic", "--products", str(seed / "products.csv"), "--events",
                str(seed / "events.csv"), "--db", team_url, "-q").wait(timeout=120) == 0
    jobs = [_cli("import", "generic", "--products", str(f / "products.csv"), "--events",
                 str(f / "events.csv"), "--db", team_url, "-q", "--batch-size", "500")
            for f in (a, b)]  # three product transactions each, interleaved
    jobs.append(_cli("profile", "--db", team_url, "--device", "cpu", "-q"))
    for job in jobs:
        _, err = job.communicate(timeout=600)
        assert job.returncode == 0, err
        assert "Traceback" not in err
    expected_products = {f"P{i}" for i in range(0, 2500)}
    expected_events = set()
    for products, events in ((range(0, 50), range(0, 200)), (range(0, 1500), range(0, 15000)),
                             (range(1000, 2500), range(10000, 25000))):
        expected_events |= {(f"U{i % 97}", f"P{products.start + i % len(products)}",
                             i % 28 + 1, i % 60) for i in events}
    store = open_store(team_url)
    with store.read() as session:
        products = set(session.scalars(select(orm.Product.external_id)))
        rows = session.execute(text(
            "SELECT s.external_id, p.external_id, i.timestamp FROM interactions i "
            "JOIN shoppers s ON s.id = i.shopper_id JOIN products p ON p.id = i.product_id"
        )).all()
        stats = session.scalar(select(func.sum(orm.ProductStats.views)))
        profiled = session.scalar(select(func.count()).select_from(orm.ProductProfile))
    store.close()
    assert products == expected_products
    import datetime as dt

    got = [(s, p, dt.datetime.fromtimestamp(t, dt.UTC).day,
            dt.datetime.fromtimestamp(t, dt.UTC).minute) for s, p, t in rows]
    assert len(got) == len(set(got)) == len(expected_events)  # nothing lost, nothing twice
    assert set(got) == expected_events
    assert stats == len(expected_events)  # the per-product counts agree with the events
    assert profiled >= 50  # the profiler ran alongside and wrote whole batches


def test_a_store_file_is_pushed_to_the_team_store_from_the_command_line(demo_master, team_url,
                                                                        tmp_path):
    from tests.services.test_cli import run

    pushed = run("team", "push", str(demo_master), "--db", team_url, "-q")
    assert pushed.returncode == 0, pushed.stderr
    assert "products" in pushed.stdout and "interactions" in pushed.stdout
    shared = tmp_path / "shared"
    moved = run("team", "media", str(shared), "--db", team_url)
    assert moved.returncode == 0 and str(shared) in moved.stdout
    info = run("info", "--db", team_url)
    assert info.returncode == 0, info.stderr
    assert "team store on PostgreSQL" in info.stdout and f"Media folder: {shared}" in info.stdout
    file_info = run("info", "--db", str(demo_master))
    counts = [line for line in file_info.stdout.splitlines() if line.startswith(
        ("Products", "Shoppers", "Events", "Reviews"))]
    assert counts and all(line in info.stdout for line in counts)
    again = run("team", "push", str(demo_master), "--db", team_url, "-q")
    assert again.returncode == 1 and "already holds" in again.stderr


def test_a_connection_lost_mid_batch_rolls_it_back_and_the_import_goes_on(team_url, tmp_path):
    import psycopg

    from stylerec_app.services.importing import GenericSource, import_generic

    store = open_store(team_url, create=True)

    def drop(pid: int) -> None:
        with psycopg.connect(team_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    with pytest.raises(StoreError) as lost, store.write() as session:
        session.add(orm.Product(external_id="half", title="written before the cut"))
        session.flush()
        drop(session.execute(text("SELECT pg_backend_pid()")).scalar())
        session.add(orm.Product(external_id="never", title="after the cut"))
        session.flush()
    assert lost.value.code == "store.connection_lost" and "rolled back" in str(lost.value)
    with store.read() as session:  # the pool reconnects; the batch left nothing
        assert session.scalar(select(func.count()).select_from(orm.Product)) == 0

    folder = _catalog(tmp_path / "shop", range(0, 400), range(0, 4000))
    source = GenericSource(products=folder / "products.csv", events=folder / "events.csv")
    cut = {"done": False}

    def sever(p) -> None:  # between two batches of events, the server drops every session
        if p.message == "events" and p.done and not cut["done"]:
            cut["done"] = True
            with psycopg.connect(team_url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()")

    report = import_generic(store, source, progress=sever, batch_size=500)
    assert cut["done"] and report.count("events").new == 4000
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(orm.Interaction)) == 4000
        assert session.scalar(select(func.sum(orm.ProductStats.views))) == 4000
    store.close()
