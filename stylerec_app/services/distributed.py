"""Catalog-wide batch work on Ray: model-holding actors, results streamed back to one writer.

`ray_session("local")` starts a Ray instance on this machine (one CPU worker per core);
any other value is the address of a running cluster (`ray start --head`, KubeRay). The
actors each load the networks once and take batches from an `ActorPool`; results arrive
in completion order and the caller — the only process that writes to the store or the
output folder — handles each as it comes, so a cancelled job keeps exactly the batches
already written, as a local job does. Ray is imported only when a job asks for it.

Why an `ActorPool` and not Ray Data's `map_batches`: the pool keeps exactly two batches in
flight per actor, so a cancel stops the cluster within one batch and the writer never sees
a result after it, and each result is a whole batch that maps onto one transaction here;
Ray Data's streaming executor buffers and re-chunks rows (through Arrow) on its own terms.

With GPUs in the cluster there is one actor per GPU (`num_gpus=1`), else one per CPU.
Every node needs the same StyleRec version installed (its code and the weight packages):
nothing is downloaded at run time, on a node as anywhere else.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.progress import CancelToken

log = logging.getLogger(__name__)
LOCAL = "local"


@dataclass(frozen=True)
class Workers:
    count: int
    gpus: int  # per actor: 1 on a GPU cluster, else 0
    device: str  # what each actor's networks run on

    @property
    def label(self) -> str:
        return f"{self.count} Ray {'GPU' if self.gpus else 'CPU'} worker" + \
            ("s" if self.count != 1 else "")


@contextmanager
def ray_session(address: str, *, num_cpus: int | None = None) -> Iterator[object]:
    """Connected to Ray for the block (a local instance is started, and stopped after)."""
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - ray is a dependency
        raise StyleRecError("Ray is not installed: pip install ray.") from exc
    started = False
    if not ray.is_initialized():
        try:
            if address == LOCAL:
                # address="local": always a new instance, never someone else's running one
                ray.init(address="local", num_cpus=num_cpus or os.cpu_count() or 1,
                         include_dashboard=False, log_to_driver=False, configure_logging=False)
            else:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise StyleRecError(f"Cannot reach the Ray cluster at {address}: "
                                f"{str(exc).strip().splitlines()[0] if str(exc) else exc}. "
                                "Start it with `ray start --head` (see docs/TEAM.md) or run "
                                "the job here.") from exc
        started = True
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


def plan_workers(ray, device_setting: str = "auto", limit: int | None = None) -> Workers:
    """One actor per GPU when the cluster has GPUs (and the device setting allows), else one
    per CPU; `limit` caps the count (a benchmark's 1 vs 2 workers)."""
    resources = ray.cluster_resources()
    gpus = int(resources.get("GPU", 0))
    if gpus and (device_setting == "auto" or device_setting.startswith("cuda")):
        return Workers(min(gpus, limit or gpus), 1, "cuda")
    cpus = max(1, int(resources.get("CPU", 1)))
    return Workers(min(cpus, limit or cpus), 0, "cpu")


def run_on_actors(ray, actor_class: type, init_args: Sequence, method: str,
                  batches: Sequence, on_result: Callable[[int, object], None], *,
                  workers: Workers, cancel: CancelToken | None = None) -> None:
    """`actor.<method>(batch)` for every batch on a pool of `workers` actors of
    `actor_class(*init_args)`; `on_result(index, result)` runs here, in completion order.
    Cancelling kills the actors at once: no result arrives after it."""
    from ray.util import ActorPool

    remote = ray.remote(num_cpus=1 if not workers.gpus else 0, num_gpus=workers.gpus)(
        actor_class)
    actors = [remote.remote(*init_args) for _ in range(workers.count)]
    pool = ActorPool(actors)
    try:
        pending = 0
        queue = list(enumerate(batches))
        queue.reverse()

        def submit() -> None:
            nonlocal pending
            index, batch = queue.pop()
            pool.submit(lambda actor, item: getattr(actor, method).remote(*item),
                        (index, batch))
            pending += 1

        for _ in range(min(len(queue), 2 * workers.count)):  # two in flight per actor
            submit()
        while pending:
            while True:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                try:
                    index, result = pool.get_next_unordered(timeout=0.2)
                    break
                except TimeoutError:
                    continue
            pending -= 1
            if queue:
                submit()
            on_result(index, result)
    except ray.exceptions.RayError as exc:
        cause = getattr(exc, "cause", None)
        if isinstance(cause, StyleRecError | Cancelled):
            raise cause from None
        raise StyleRecError(f"A Ray worker failed: {str(exc).strip().splitlines()[-1]}") \
            from exc
    finally:
        for actor in actors:
            ray.kill(actor)


def tagged(method: Callable) -> Callable:
    """An actor method that takes (index, batch) and returns (index, result)."""
    def call(self, index, batch):
        return index, method(self, batch)

    call.__name__ = method.__name__
    return call
