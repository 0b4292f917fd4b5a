"""Product profiling on Ray: actors compute batches, this process writes each one.

The batches, the per-batch computation (`profile_batch`) and the per-batch transaction
(`write_batch`) are the local path's own, so vectors and profiles are the same as a local
run's; only where the networks run differs.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from stylerec_app.domain.profiles import ProfileReport
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.services import distributed
from stylerec_app.services.engines import Engines
from stylerec_app.services.profiles import products
from stylerec_app.storage.database import Store


class ProfileWorker:
    """A Ray actor holding the networks (loaded once, on first batch)."""

    def __init__(self, device: str, cache_dir: str | None, threads: int) -> None:
        import torch

        torch.set_num_threads(threads)
        self.engines = Engines(device, Path(cache_dir) if cache_dir else None)
        self.side = ThreadPoolExecutor(1, thread_name_prefix="profile-looks")

    @distributed.tagged
    def run(self, batch: tuple) -> products.BatchResult:
        items, need_image, need_text = batch
        photos = products.load_photos([p for p in items if p.id in need_image])
        texts = [p for p in items if p.id in need_text]
        return products.profile_batch(self.engines, photos, texts, self.side)


def profile_on_ray(address: str, store: Store, engines: Engines, todo: list,
                   need_image: set[int], need_text: set[int], report: ProfileReport, *,
                   progress: ProgressSink, cancel: CancelToken, workers: int | None = None,
                   batch_size: int | None = None) -> None:
    """Batches of `todo` as large as the local path's on the workers' device (so the
    vectors match a local run's), computed on actors and written here."""
    total, done = len(todo), 0

    def write(index: int, result: products.BatchResult) -> None:
        nonlocal done
        products.write_batch(store, result, report)
        done += len(batches[index])
        progress(Progress(done, total, "profiles-products"))

    with distributed.ray_session(address) as ray:
        plan = distributed.plan_workers(ray, engines.device_setting, workers)
        report.device = plan.label
        size = batch_size or (128 if plan.gpus else 16)  # batch_size_for's sizes
        batches = [todo[start : start + size] for start in range(0, len(todo), size)]
        work = [(b, {p.id for p in b} & need_image, {p.id for p in b} & need_text)
                for b in batches]
        cache = str(engines.cache_dir) if engines.cache_dir else None
        distributed.run_on_actors(ray, ProfileWorker, (plan.device, cache, 1 if not plan.gpus
                                                       else 4),
                                  "run", work, write, workers=plan, cancel=cancel)
