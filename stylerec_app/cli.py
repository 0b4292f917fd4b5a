"""Headless entry points: `stylerec import|demo|info …` (also `python main.py <subcommand>`)."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from stylerec_app import __version__
from stylerec_app.domain.errors import Cancelled, StyleRecError
from stylerec_app.domain.imports import ImportReport
from stylerec_app.domain.progress import CancelToken, Progress
from stylerec_app.services import app_paths
from stylerec_app.services.store_info import describe_store

SUBCOMMANDS = ("import", "demo", "info", "profile", "similar", "stylize", "styles",
               "add-style", "train-style", "train", "recommend")


class ProgressBar:
    """tqdm bar fed from a progress sink; a new bar when the total changes (a new phase)."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.bar = None

    def __call__(self, p: Progress) -> None:
        if self.quiet:
            return
        from tqdm import tqdm

        if self.bar is None or self.bar.total != p.total:
            self.close()
            self.bar = tqdm(total=p.total, unit="row", file=sys.stderr, leave=False,
                            dynamic_ncols=True)
        self.bar.set_description(p.message or "working", refresh=False)
        self.bar.n = p.done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _with_cancel(work: Callable[[CancelToken], object]):
    """Ctrl-C asks the work to stop after the current batch (a second one kills)."""
    token = CancelToken()

    def on_sigint(signum, frame):
        if token.cancelled:
            raise KeyboardInterrupt
        print("\nCancelling after the current batch… (Ctrl-C again to abort)", file=sys.stderr)
        token.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        return work(token)
    finally:
        signal.signal(signal.SIGINT, previous)


def _print_report(report: ImportReport, report_csv: str | None, limit: int = 20) -> None:
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
            raise StyleRecError(f"--map expects ENTITY.FIELD=COLUMN, got {item!r}")
        mapping[key.strip()] = value.strip()
    return mapping


def _cmd_import(args) -> int:
    from stylerec_app.services.importing import GenericSource, import_generic, import_hm
    from stylerec_app.storage.database import open_store

    store = open_store(args.db)
    bar = ProgressBar(args.quiet)

    def work(token: CancelToken):
        if args.layout == "hm":
            return import_hm(store, args.folder, progress=bar, cancel=token,
                             batch_size=args.batch_size)
        source = GenericSource(
            products=Path(args.products), images=Path(args.images) if args.images else None,
            shoppers=Path(args.shoppers) if args.shoppers else None,
            events=Path(args.events) if args.events else None,
            reviews=Path(args.reviews) if args.reviews else None,
            encoding=args.encoding, mapping=_parse_mapping(args.map),
        )
        return import_generic(store, source, progress=bar, cancel=token,
                              batch_size=args.batch_size)

    try:
        report = _with_cancel(work)
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
    return 0


def _cmd_demo(args) -> int:
    from stylerec_app.services.demo import create_demo_store
    from stylerec_app.storage.database import open_store

    store = open_store(args.db)
    bar = ProgressBar(args.quiet)
    try:
        summary = _with_cancel(lambda token: create_demo_store(
            store, seed=args.seed, progress=bar, cancel=token))
    finally:
        bar.close()
        store.close()
    print(f"Demo store at {Path(args.db).resolve()}: {summary.products} products, "
          f"{summary.shoppers} shoppers, {summary.events} events (seed {args.seed}).")
    print(f"Photos and source files: {summary.media_dir}")
    return 0


def _cmd_info(args) -> int:
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    try:
        print("\n".join(describe_store(store)))
    finally:
        store.close()
    return 0


def _cmd_profile(args) -> int:
    from stylerec_app.services.profiles import build_profiles
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    bar = ProgressBar(args.quiet)
    try:
        report = _with_cancel(lambda token: build_profiles(
            store, device=args.device, progress=bar, cancel=token, batch_size=args.batch_size))
    except Cancelled:
        bar.close()
        print("Profiling cancelled: finished batches were kept; run it again to continue.",
              file=sys.stderr)
        return 130
    finally:
        bar.close()
        store.close()
    print("\n".join(report.summary_lines()))
    return 0


def _cmd_similar(args) -> int:
    from stylerec_app.services.profiles.queries import ProfileService
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    try:
        service = ProfileService(store)
        product_id = service.product_id(args.product)
        hits = service.similar_to_product(product_id, args.k)
        if not hits:
            raise StyleRecError(f"Product {args.product} has no image profile yet: run "
                                "`stylerec profile` first (or its photo is missing).")
        print(f"Products that look like {args.product}:")
        for rank, hit in enumerate(hits, 1):
            p = hit.product
            print(f"{rank:>3}. {hit.score:.3f}  {p.external_id:<14} {p.title[:50]:<50} "
                  f"{p.category}")
    finally:
        store.close()
    return 0


def _stylizer(device: str):
    from stylerec_app.engine.device import pick_device
    from stylerec_app.engine.stylize import Stylizer

    choice = pick_device(device)
    if choice.notice:
        print(choice.notice, file=sys.stderr)
    return Stylizer(choice.device)


def _cmd_stylize(args) -> int:
    import time

    from stylerec_app.services.styling import StyleService, save_image_atomically
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    try:
        service = StyleService(store)
        stylizer = _stylizer(args.device)
        spec = service.spec_for(stylizer, shopper=args.shopper, style=args.style,
                                blend=args.blend, strength=args.strength, mask=args.mask,
                                preserve_colour=args.keep_colours)
        photo = service.product_photo(args.product)
        start = time.perf_counter()
        image = stylizer.render(photo, spec)
        took = time.perf_counter() - start
        out = save_image_atomically(image, Path(args.output))
    finally:
        store.close()
    print(f"Wrote {out} ({image.width}×{image.height}, {took * 1000:.0f} ms on "
          f"{stylizer.device}).")
    return 0


def _cmd_styles(args) -> int:
    from stylerec_app.services.styling import StyleService
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    try:
        saved = StyleService(store).saved_styles()
    finally:
        store.close()
    print("Built-in: Style 0 … Style 25 (blendable), vintage (CycleGAN)")
    for name, kind, _arrays, meta in saved:
        source = ", ".join(meta.get("pictures", [])) or meta.get("source", "")
        print(f"{kind:<10} {name}  ({source})")
    return 0


def _cmd_add_style(args) -> int:
    from stylerec_app.engine.stylize import Stylizer
    from stylerec_app.services.styling import StyleService
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    try:
        StyleService(store).add_picture_style(Stylizer("cpu"), args.name, Path(args.picture))
    finally:
        store.close()
    print(f"Saved style {args.name!r} from {args.picture}.")
    return 0


def _cmd_train_style(args) -> int:
    from stylerec_app.engine.device import pick_device
    from stylerec_app.engine.style_training import TrainConfig
    from stylerec_app.services.style_training import train_style
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    bar = ProgressBar(args.quiet)
    samples = Path(args.samples) if args.samples else None
    if samples:
        samples.mkdir(parents=True, exist_ok=True)

    def preview(step, image, record):
        if samples:
            image.save(samples / f"step{step:05d}.png")

    config = TrainConfig(size=args.size, steps=args.steps, batch=args.batch)
    try:
        result = _with_cancel(lambda token: train_style(
            store, [Path(p) for p in args.images], args.name, config=config,
            device=str(pick_device(args.device).device), progress=bar, cancel=token,
            preview=preview, preview_every=args.sample_every))
    except Cancelled as exc:
        bar.close()
        print(str(exc), file=sys.stderr)
        return 130
    finally:
        bar.close()
        store.close()
    first, last = result.history[0], result.history[-1]
    print(f"Trained style {result.name!r}: {result.steps} steps"
          + (f" (resumed at {result.resumed_from})" if result.resumed_from else "")
          + f"; style loss {first['style']:.3f} → {last['style']:.3f}, content loss "
          f"{first['content']:.3f} → {last['content']:.3f}")
    if args.loss_csv:
        with open(args.loss_csv, "w", encoding="utf-8") as fh:
            fh.write("step,total,content,style,adversarial,critic\n")
            for r in result.history:
                fh.write(f"{r['step']},{r['total']:.5f},{r['content']:.5f},{r['style']:.5f},"
                         f"{r['adversarial']:.5f},{r['critic']:.5f}\n")
    return 0


def _parse_params(items: list[str]) -> dict:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise StyleRecError(f"--param expects NAME=VALUE, got {item!r}")
        for cast in (int, float):
            try:
                params[key] = cast(value)
                break
            except ValueError:
                continue
        else:
            params[key] = {"true": True, "false": False}.get(value.lower(), value)
    return params


def _cmd_train(args) -> int:
    from stylerec_app.services.recommendation import models
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    bar = ProgressBar(args.quiet)
    try:
        names = models.MODELS if args.model == "all" else args.model.split(",")
        for name in names:
            trained = _with_cancel(lambda token, name=name: models.train_and_save(
                store, name, _parse_params(args.param), progress=bar, cancel=token))
            bar.close()
            print(f"Trained {name} in {trained.fit_seconds:.1f} s on "
                  f"{trained.dataset.snapshot['events']} events → {trained.path}")
    finally:
        bar.close()
        store.close()
    return 0


def _cmd_recommend(args) -> int:
    import json

    from stylerec_app.services.recommendation.serving import Query, RecommendationService
    from stylerec_app.storage.database import open_store

    store = open_store(args.db, create=False)
    try:
        picks = RecommendationService(store).recommend(Query(
            args.shopper, args.k, args.model, args.category, args.min_price, args.max_price,
            args.in_stock, not args.include_seen, args.diversity))
    finally:
        store.close()
    if args.json:
        print(json.dumps([{"rank": n, "product": r.product.external_id,
                           "title": r.product.title, "score": round(r.score, 5),
                           "reason": r.reason} for n, r in enumerate(picks, 1)],
                         ensure_ascii=False, indent=1))
    else:
        print(f"Top {len(picks)} for {args.shopper} ({args.model}):")
        for n, r in enumerate(picks, 1):
            print(f"{n:>3}. {r.product.external_id:<14} {r.product.title[:40]:<40} "
                  f"{r.score:8.3f}  {r.reason}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    default_db = str(app_paths.default_store_path())
    parser = argparse.ArgumentParser(prog="stylerec", description="StyleRec command line.")
    parser.add_argument("--version", action="version", version=f"StyleRec {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def add_db(p):
        p.add_argument("--db", default=default_db, help=f"store file (default: {default_db})")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    imp = sub.add_parser("import", help="import a catalog and shopper activity")
    layouts = imp.add_subparsers(dest="layout", required=True)
    hm = layouts.add_parser("hm", help="H&M Kaggle layout (articles.csv, customers.csv, "
                                       "transactions_train.csv, images/)")
    hm.add_argument("folder")
    gen = layouts.add_parser("generic", help="products CSV/JSONL + optional images, shoppers, "
                                             "events, reviews")
    gen.add_argument("--products", required=True, help="products .csv or .jsonl")
    gen.add_argument("--images", help="folder of product photos")
    gen.add_argument("--shoppers", help="shoppers .csv")
    gen.add_argument("--events", help="events .csv (views, clicks, carts, purchases, ratings)")
    gen.add_argument("--reviews", help="reviews .csv")
    gen.add_argument("--encoding", help="force a text encoding (default: detect UTF-8/GBK)")
    gen.add_argument("--map", action="append", default=[], metavar="ENTITY.FIELD=COLUMN",
                     help="use COLUMN for a field, e.g. products.title=Name (repeatable)")
    for p in (hm, gen):
        add_db(p)
        p.add_argument("--batch-size", type=int, default=1000, help="rows per transaction")
        p.add_argument("--report", help="also save the import report as CSV here")

    demo = sub.add_parser("demo", help="generate the built-in demo store")
    add_db(demo)
    demo.add_argument("--seed", type=int, default=7)

    info = sub.add_parser("info", help="describe a store")
    add_db(info)

    profile = sub.add_parser("profile", help="build product and shopper profiles (incremental)")
    add_db(profile)
    profile.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    profile.add_argument("--batch-size", type=int, help="images per batch (default: by device)")

    similar = sub.add_parser("similar", help="visually similar products")
    add_db(similar)
    similar.add_argument("--product", required=True, help="product id (as imported)")
    similar.add_argument("-k", type=int, default=10)

    stylize = sub.add_parser("stylize", help="restyle one product photo")
    add_db(stylize)
    stylize.add_argument("--product", required=True)
    which = stylize.add_mutually_exclusive_group(required=True)
    which.add_argument("--shopper", help="use this shopper's style blend")
    which.add_argument("--style", help="0–25, a saved style's name, or vintage")
    which.add_argument("--blend", help="e.g. 3:0.5,12:0.5 (indices or trained style names)")
    stylize.add_argument("--strength", type=float, default=1.0)
    stylize.add_argument("--mask", default="all", choices=("all", "background", "product"))
    stylize.add_argument("--keep-colours", action="store_true", help="keep the product's colours")
    stylize.add_argument("--device", default="auto")
    stylize.add_argument("-o", "--output", required=True, help="output .png or .jpg")

    styles = sub.add_parser("styles", help="list the styles of a store")
    add_db(styles)

    add_style = sub.add_parser("add-style", help="save any picture as a named style")
    add_db(add_style)
    add_style.add_argument("picture")
    add_style.add_argument("--name", required=True)

    train = sub.add_parser("train-style", help="train a new blendable style (GAN objective)")
    add_db(train)
    train.add_argument("images", nargs="+", help="style pictures")
    train.add_argument("--name", required=True)
    train.add_argument("--steps", type=int, default=300)
    train.add_argument("--size", type=int, default=256)
    train.add_argument("--batch", type=int, default=2)
    train.add_argument("--device", default="auto")
    train.add_argument("--samples", help="folder for preview samples while training")
    train.add_argument("--sample-every", type=int, default=20)
    train.add_argument("--loss-csv", help="write the loss curve here")

    fit = sub.add_parser("train", help="train a recommender on the store")
    add_db(fit)
    fit.add_argument("--model", default="hybrid",
                     help="pop, itemknn, als, bpr, vbpr, content, hybrid, hybrid-no-style, "
                          "a comma list, or all")
    fit.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")

    rec = sub.add_parser("recommend", help="top products for a shopper, with reasons")
    add_db(rec)
    rec.add_argument("--shopper", required=True)
    rec.add_argument("-k", type=int, default=12)
    rec.add_argument("--model", default="hybrid")
    rec.add_argument("--category")
    rec.add_argument("--min-price", type=float)
    rec.add_argument("--max-price", type=float)
    rec.add_argument("--in-stock", action="store_true", help="only products in stock")
    rec.add_argument("--include-seen", action="store_true", help="allow products they had")
    rec.add_argument("--diversity", type=float, default=0.0, help="0 (none) to 1 (MMR)")
    rec.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"import": _cmd_import, "demo": _cmd_demo, "info": _cmd_info,
                "profile": _cmd_profile, "similar": _cmd_similar, "stylize": _cmd_stylize,
                "styles": _cmd_styles, "add-style": _cmd_add_style,
                "train-style": _cmd_train_style, "train": _cmd_train,
                "recommend": _cmd_recommend}
    try:
        return handlers[args.command](args)
    except Cancelled:
        print("Cancelled.", file=sys.stderr)
        return 130
    except StyleRecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
