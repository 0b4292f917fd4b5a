"""Catalog-wide jobs on a local Ray instance give what the local path gives, and cancel
cleanly: profiling, catalog restyling and evaluation."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from stylerec_app.domain.errors import Cancelled
from stylerec_app.domain.progress import CancelToken
from stylerec_app.services.importing import import_generic
from stylerec_app.services.profiles import build_profiles
from stylerec_app.storage import orm, profiles_repo, vector_files
from stylerec_app.storage.database import open_store
from tests.services.test_profiles import _shop


def _vectors(store, kind):
    with store.read() as s:
        found = vector_files.load(s, store.path, "product", kind)
        return dict(zip(found.ids.tolist(), np.asarray(found.matrix), strict=True))


def _profiles(store):
    with store.read() as s:
        return {p.product_id: (p.status, p.palette, p.style_weights)
                for p in s.scalars(select(orm.ProductProfile))}


def test_profiling_on_ray_gives_the_local_vectors(local_ray, tmp_path, engines):
    source = _shop(tmp_path / "shop", n_products=10)
    here = open_store(tmp_path / "here.sqlite", create=True)
    there = open_store(tmp_path / "there.sqlite", create=True)
    for store in (here, there):
        import_generic(store, source)
    build_profiles(here, engines, batch_size=4)
    report = build_profiles(there, engines, batch_size=4, ray=local_ray)
    assert report.images_computed == 10 and report.texts_computed == 10
    assert "Ray" in report.device
    for kind in ("image", "style", "text"):
        a, b = _vectors(here, kind), _vectors(there, kind)
        assert a.keys() == b.keys() and len(a) == 10
        assert max(float(np.abs(a[k] - b[k]).max()) for k in a) <= 1e-5, kind
    assert _profiles(here) == _profiles(there)
    with there.read() as s:  # shoppers were profiled from the Ray-made vectors
        assert profiles_repo.shopper_count(s) == 3
    here.close()
    there.close()


def _workers_stopped() -> None:
    """Every CPU of the local instance is free again: the actors were killed."""
    import time

    import ray

    deadline = time.monotonic() + 20
    while ray.available_resources().get("CPU", 0) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ray.available_resources().get("CPU", 0) == 2


def test_cancelling_a_ray_profile_run_keeps_whole_batches_only(local_ray, tmp_path, engines):
    store = open_store(tmp_path / "s.sqlite", create=True)
    import_generic(store, _shop(tmp_path / "shop", n_products=12))
    token = CancelToken()

    def progress(p):
        if p.message == "profiles-products" and p.done >= 3:
            token.cancel()

    with pytest.raises(Cancelled):
        build_profiles(store, engines, progress=progress, cancel=token, batch_size=3, ray=local_ray)
    with store.read() as s:
        kept = len(profiles_repo.product_profile_state(s))
    assert kept in (3, 6, 9)  # whole batches: those written before the cancel
    _workers_stopped()
    rest = build_profiles(store, engines, batch_size=3)
    assert rest.images_computed == 12 - kept
    store.close()


@pytest.fixture
def restyle_shop(tmp_path):
    store = open_store(tmp_path / "shop.sqlite", create=True)
    source = _shop(tmp_path / "shop", n_products=5)
    (tmp_path / "shop" / "images" / "P4.png").unlink()  # one product without its photo
    import_generic(store, source)
    yield store
    store.close()


def _manifest(folder):
    import csv

    with open(folder / "manifest.csv", encoding="utf-8") as fh:
        return sorted((r["product_id"], r["look"], r["file"], r["checksum"])
                      for r in csv.DictReader(fh))


def test_restyling_a_catalog_on_ray_writes_the_local_files(local_ray, restyle_shop, tmp_path,
                                                           engines):
    import hashlib

    from stylerec_app.services.catalog_restyle import plan_looks, restyle_catalog

    stylizer = engines.stylizer
    looks = plan_looks(restyle_shop, stylizer, styles=["3", "Style 12"], strength=0.8)
    here = restyle_catalog(restyle_shop, stylizer, looks, tmp_path / "here", max_side=96)
    there = restyle_catalog(restyle_shop, stylizer, looks, tmp_path / "there", max_side=96,
                            ray=local_ray)
    assert here.files == there.files == 8  # 4 products with photos × 2 looks
    assert [p for p, _ in there.skipped] == ["P4"]
    assert "Ray" in there.workers
    rows = _manifest(tmp_path / "there")
    assert rows == _manifest(tmp_path / "here")  # the same files, byte for byte
    for _product, _look, file, checksum in rows:
        assert hashlib.sha256((tmp_path / "there" / file).read_bytes()).hexdigest() == checksum
    from stylerec_app.services.styling import builtin_name

    assert {f.split("/")[0] for _, _, f, _ in rows} == {
        builtin_name(3).replace(" ", "_"), builtin_name(12).replace(" ", "_")}


def test_a_cancelled_ray_restyle_leaves_nothing(local_ray, restyle_shop, tmp_path, engines):
    from stylerec_app.services.catalog_restyle import plan_looks, restyle_catalog

    looks = plan_looks(restyle_shop, engines.stylizer, styles=["1", "2", "5"])
    token = CancelToken()

    def progress(p):
        if p.done >= 1:
            token.cancel()

    with pytest.raises(Cancelled):
        restyle_catalog(restyle_shop, engines.stylizer, looks, tmp_path / "out", max_side=64,
                        progress=progress, cancel=token, ray=local_ray)
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    _workers_stopped()


def test_the_restyle_catalog_command(restyle_shop, tmp_path):
    from tests.services.test_cli import run

    out = tmp_path / "season"
    result = run("restyle-catalog", "--db", restyle_shop.label, "--out", str(out), "--style",
                 "7", "--style", "vintage", "--products", "P0,P1,P4", "--max-side", "64",
                 "-q", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Wrote 4 images in 2 looks" in result.stdout and "1 skipped" in result.stdout
    assert len(_manifest(out)) == 4 and (out / "skipped.csv").read_text().count("P4") == 1
    again = run("restyle-catalog", "--db", restyle_shop.label, "--out", str(out), "--style",
                "7", "-q")
    assert again.returncode == 1 and "not empty" in again.stderr


def test_evaluation_on_ray_gives_the_local_metrics(local_ray, tmp_path):
    from stylerec_app.evaluation.ranking import RankingOptions
    from stylerec_app.evaluation.splits import Protocol
    from stylerec_app.services.evaluation_runs.runner import EvalConfig, evaluate_to_report
    from tests.services.test_evaluation import tiny_movielens

    folder = tiny_movielens.__wrapped__(tmp_path)
    config = EvalConfig(f"ml-100k:{folder}", Protocol("random", test=0.2, valid=0.1, seed=3),
                        RankingOptions(ks=(5, 10)), ("pop", "itemknn", "als", "bpr"),
                        tune=True)
    here = evaluate_to_report(config, cache_dir=tmp_path)
    there = evaluate_to_report(config, cache_dir=tmp_path, ray=local_ray)
    assert [m.name for m in there.models] == [m.name for m in here.models]
    for a, b in zip(here.models, there.models, strict=True):
        for metric in ("Recall@10", "NDCG@10", "Precision@5"):
            assert a.value(metric) == pytest.approx(b.value(metric), abs=1e-12), (a.name, metric)


def test_cancelling_an_evaluation_on_ray_stops_its_workers(local_ray, tmp_path):
    from stylerec_app.evaluation.ranking import RankingOptions
    from stylerec_app.evaluation.splits import Protocol
    from stylerec_app.services.evaluation_runs.runner import EvalConfig, evaluate_to_report
    from tests.services.test_evaluation import tiny_movielens

    folder = tiny_movielens.__wrapped__(tmp_path)
    config = EvalConfig(f"ml-100k:{folder}", Protocol("random", test=0.2, valid=0.1, seed=3),
                        RankingOptions(ks=(10,)), ("pop", "itemknn", "als", "bpr"), tune=True)
    token = CancelToken()

    def progress(p):
        if p.step == "done" and p.model:
            token.cancel()  # as the first model comes back

    with pytest.raises(Cancelled):
        evaluate_to_report(config, cache_dir=tmp_path, ray=local_ray, progress=progress,
                           cancel=token)
    _workers_stopped()
