"""Product and shopper profiles from pretrained models, kept up to date incrementally."""

from __future__ import annotations

from stylerec_app.domain.profiles import ProfileReport
from stylerec_app.domain.progress import CancelToken, ProgressSink, ignore_progress
from stylerec_app.services.engines import Engines
from stylerec_app.services.profiles.products import build_product_profiles
from stylerec_app.services.profiles.shoppers import build_shopper_profiles
from stylerec_app.storage.database import Store


def build_profiles(store: Store, engines: Engines, *, progress: ProgressSink = ignore_progress,
                   cancel: CancelToken | None = None, batch_size: int | None = None,
                   ray: str | None = None, ray_workers: int | None = None) -> ProfileReport:
    """Products first (their vectors feed the shoppers), then shoppers; both incremental.
    `ray` ("local" or a cluster address) computes the product batches on Ray actors."""
    cancel = cancel or CancelToken()
    report = ProfileReport()
    build_product_profiles(store, engines, report, progress=progress, cancel=cancel,
                           batch_size=batch_size, ray=ray, ray_workers=ray_workers)
    build_shopper_profiles(store, report, progress=progress, cancel=cancel)
    if not report.device and engines.loaded:
        report.device = engines.device.label
    return report


__all__ = ["ProfileReport", "build_profiles"]
