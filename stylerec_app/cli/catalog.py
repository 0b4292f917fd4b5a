"""CLI commands for the store: import, demo, info."""

from __future__ import annotations

import sys
from pathlib import Path

from stylerec_app.cli.common import ProgressBar, open_store_for, with_cancel
from stylerec_app.domain.errors import Cancelled, UsageError
from stylerec_app.domain.imports import ImportReport
from stylerec_app.domain.progress import CancelToken
from stylerec_app.services.store_info import describe_store


def _print_report(report: ImportReport, report_csv: str | None, limit: int = 50) -> None:
    print("\n".join(report.summary_lines()))
    for issue in report.issues[:limit]:
        print(f"  [{issue.severity}] {issue.file}:{issue.line}: {issue.reason}")
    if len(report.issues) > limit:
        print(f"  … {len(report.issues) - limit} more (full list: --report FILE.csv, or the app)")
    if report_csv:
        report.write_csv(Path(report_csv))
        print(f"Report written to {report_csv}")


def _parse_mapping(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or "." not in key:
            raise UsageError(f"--map expects ENTITY.FIELD=COLUMN, got {item!r}")
        mapping[key.strip()] = value.strip()
    return mapping


def _cmd_import(args) -> int:
    """Inputs are checked before the store is opened, so a typo never leaves a new empty
    store behind."""
    from stylerec_app.services.importing import (
        GenericSource,
        check_generic_source,
        check_hm_folder,
        import_generic,
        import_hm,
    )
    max_row_bytes = int(args.max_row_mb * 2**20)
    if args.layout == "hm":
        folder = check_hm_folder(Path(args.folder))
    else:
        source = GenericSource(
            products=Path(args.products), images=Path(args.images) if args.images else None,
            shoppers=Path(args.shoppers) if args.shoppers else None,
            events=Path(args.events) if args.events else None,
            reviews=Path(args.reviews) if args.reviews else None,
            encoding=args.encoding, mapping=_parse_mapping(args.map), decimal=args.decimal,
            max_row_bytes=max_row_bytes,
        )
        check_generic_source(source)
    store = open_store_for(args, create=True)
    bar = ProgressBar(args.quiet)

    def work(token: CancelToken):
        if args.layout == "hm":
            return import_hm(store, folder, progress=bar, cancel=token,
                             batch_size=args.batch_size, max_row_bytes=max_row_bytes)
        return import_generic(store, source, progress=bar, cancel=token,
                              batch_size=args.batch_size)

    try:
        report = with_cancel(work)
    except Cancelled as exc:
        bar.close()
        report = getattr(exc, "report", None)
        if report is not None:
            _print_report(report, args.report)
        print("Import cancelled: finished batches were kept; run the same command to resume.",
              file=sys.stderr)
        return 130
    finally:
        bar.close()
        store.close()
    _print_report(report, args.report)
    return 1 if report.errors else 0  # good rows landed; the rejected ones need fixing


def _cmd_demo(args) -> int:
    from stylerec_app.services.demo import create_demo_store

    store = open_store_for(args, create=True)
    bar = ProgressBar(args.quiet)
    try:
        summary = with_cancel(lambda token: create_demo_store(
            store, seed=args.seed, progress=bar, cancel=token))
    finally:
        bar.close()
        store.close()
    print(f"Demo store at {Path(args.db).resolve()}: {summary.products} products, "
          f"{summary.shoppers} shoppers, {summary.events} events (seed {args.seed}).")
    print(f"Photos and source files: {summary.media_dir}")
    return 0


def _cmd_info(args) -> int:
    store = open_store_for(args)
    try:
        print("\n".join(describe_store(store)))
    finally:
        store.close()
    return 0
