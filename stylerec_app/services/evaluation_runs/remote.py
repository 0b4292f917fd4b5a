"""Evaluation on Ray: each model's tuning, fit and ranking is one actor call.

An actor receives the dataset once (without the store: models that rank with restyled
images need this machine's networks and store, so they run here) and runs exactly the
local `Evaluation.run_model`, so metrics are the local ones; the driver keeps the models'
order in the report.
"""

from __future__ import annotations

from dataclasses import replace

from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink
from stylerec_app.services import distributed
from stylerec_app.services.recommendation.registry import REGISTRY


class EvaluationWorker:
    def __init__(self, dataset, config) -> None:
        from stylerec_app.services.evaluation_runs.runner import Evaluation

        self.evaluation = Evaluation(dataset, config, None)
        self.evaluation.score_workers = 1  # one CPU per actor: no helper processes

    @distributed.tagged
    def run(self, name: str):
        return self.evaluation.run_model(name)


def runs_remotely(name: str) -> bool:
    return not REGISTRY.get(name).uses_style


def run_models_on_ray(address: str, evaluation, names: list[str], *, progress: ProgressSink,
                      cancel: CancelToken | None, total: int, workers: int | None = None
                      ) -> dict:
    """{name: ModelRun} for the `names` that can run remotely."""
    remote = [n for n in names if runs_remotely(n)]
    runs, done = {}, 0
    if not remote:
        return runs
    dataset = replace(evaluation.ds, store=None, store_data=None)

    def collect(index: int, run) -> None:
        nonlocal done
        runs[remote[index]] = run
        done += evaluation.steps(remote[index])
        progress(Progress(done, total, "evaluate", remote[index], "done"))

    with distributed.ray_session(address) as ray:
        plan = distributed.plan_workers(ray, "cpu", min(workers or len(remote), len(remote)))
        distributed.run_on_actors(ray, EvaluationWorker, (dataset, evaluation.config), "run",
                                  remote, collect, workers=plan, cancel=cancel)
    return runs
