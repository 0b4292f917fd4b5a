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
