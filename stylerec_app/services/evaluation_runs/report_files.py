"""An evaluation's files: the HTML report in the reports folder, its JSON, and the charts
the app shows. The HTML is rendered from the JSON form, so a saved file renders again."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from stylerec_app.evaluation import report as report_io
from stylerec_app.services.evaluation_runs.results import EvalReport


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    charts: list[bytes]  # PNG images (metric bars, recall curves, coverage vs popularity)


def write_report_files(report: EvalReport, folder: Path) -> ReportFiles:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / time.strftime("evaluation-%Y%m%d-%H%M%S.html")
    data = report.to_json()
    report_io.write_html(data, path)
    k = report.main_k
    charts = ([report_io.plot_metric_bars(data, k, "png"),
               report_io.plot_recall_curves(data, "png"),
               report_io.plot_coverage_popularity(data, k, "png")]
              if report.models else [])
    return ReportFiles(path, charts)


def write_html(report: EvalReport, path: Path) -> None:
    report_io.write_html(report.to_json(), path)


def write_json(report: EvalReport, path: Path) -> None:
    report_io.write_json(report.to_json(), path)
