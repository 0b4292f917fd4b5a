"""An evaluation's files: the HTML report in the reports folder, and the charts the app shows."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from stylerec_app.evaluation import report as report_io


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    charts: list[bytes]  # PNG images (metric bars, recall curves, coverage vs popularity)


def write_report_files(report: dict, folder: Path) -> ReportFiles:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / time.strftime("evaluation-%Y%m%d-%H%M%S.html")
    report_io.write_html(report, path)
    k = report["ks"][0]
    charts = ([report_io.plot_metric_bars(report, k, "png"),
               report_io.plot_recall_curves(report, "png"),
               report_io.plot_coverage_popularity(report, k, "png")]
              if report["models"] else [])
    return ReportFiles(path, charts)


def write_html(report: dict, path: Path) -> None:
    report_io.write_html(report, path)


def write_json(report: dict, path: Path) -> None:
    report_io.write_json(report, path)
