"""Headless entry points: `stylerec <subcommand> …` (also `python main.py <subcommand>`).

The parser lives here; each group of commands is a module of its own.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys

from stylerec_app import __version__
from stylerec_app.domain.errors import Cancelled, StyleRecError, UsageError
from stylerec_app.services.settings import Settings

SUBCOMMANDS = ("import", "demo", "info", "profile", "similar", "stylize", "styles",
               "add-style", "train-style", "train", "recommend", "evaluate", "persona",
               "collection", "restyle-catalog", "team")


HANDLERS = {
    "import": "catalog:_cmd_import", "demo": "catalog:_cmd_demo", "info": "catalog:_cmd_info",
    "profile": "profiles:_cmd_profile", "similar": "profiles:_cmd_similar",
    "stylize": "styles:_cmd_stylize", "styles": "styles:_cmd_styles",
    "restyle-catalog": "styles:_cmd_restyle_catalog", "team": "team:cmd_team",
    "add-style": "styles:_cmd_add_style", "train-style": "styles:_cmd_train_style",
    "train": "recommend:_cmd_train", "recommend": "recommend:_cmd_recommend",
    "evaluate": "evaluate:cmd_evaluate",
    "persona": "curation:cmd_persona", "collection": "curation:cmd_collection",
}


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    from stylerec_app.services.recommendation.registry import REGISTRY

    default_db = str(settings.default_store_path)
    parser = argparse.ArgumentParser(prog="stylerec", description="StyleRec command line.")
    parser.add_argument("--version", action="version", version=f"StyleRec {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback when something unexpected fails")
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
    gen.add_argument("--decimal", choices=("point", "comma"), default="point",
                     help="the decimal mark of prices and values: point (12.50, default) or "
                          "comma (12,50); ambiguous numbers are rejected, never rescaled")
    for p in (hm, gen):
        add_db(p)
        p.add_argument("--batch-size", type=int, default=1000, help="rows per transaction")
        p.add_argument("--report", help="also save the import report as CSV here")
        p.add_argument("--max-row-mb", type=float, default=4.0,
                       help="rows larger than this are rejected (default 4 MB)")

    demo = sub.add_parser("demo", help="generate the built-in demo store")
    add_db(demo)
    demo.add_argument("--seed", type=int, default=7)

    info = sub.add_parser("info", help="describe a store")
    add_db(info)

    profile = sub.add_parser("profile", help="build product and shopper profiles (incremental)")
    add_db(profile)
    profile.add_argument("--device", help="auto, cpu, cuda, cuda:N or mps (default: the "
                                          "preferences' device)")
    profile.add_argument("--batch-size", type=int, help="images per batch (default: by device)")
    profile.add_argument("--ray", metavar="local|ADDRESS",
                         help="compute the batches on Ray: a local instance, or a cluster's "
                              "address (host:6379 or ray://host:10001)")

    similar = sub.add_parser("similar", help="visually similar products")
    add_db(similar)
    similar.add_argument("--product", required=True, help="product id (as imported)")
    similar.add_argument("-k", type=int, default=10)

    stylize = sub.add_parser("stylize", help="restyle one product photo")
    add_db(stylize)
    stylize.add_argument("--product", required=True)
    which = stylize.add_mutually_exclusive_group(required=True)
    which.add_argument("--shopper", help="use this shopper's style blend")
    which.add_argument("--persona", help="use this persona's style blend")
    which.add_argument("--style", help="0–25, a saved style's name, or vintage")
    which.add_argument("--blend", help="e.g. 3:0.5,12:0.5 (indices or trained style names)")
    stylize.add_argument("--strength", type=float, default=1.0)
    stylize.add_argument("--mask", default="background", choices=("background", "product", "all"),
                         help="background (default: the product stays true), product, or "
                              "all (a look: not the product's real colours)")
    stylize.add_argument("--keep-colours", action="store_true", help="keep the product's colours")
    stylize.add_argument("--device")
    stylize.add_argument("-o", "--output", required=True, help="output .png or .jpg")

    rc = sub.add_parser("restyle-catalog", help="restyle products in several styles or personas' "
                                                "looks into image files and a manifest")
    add_db(rc)
    rc.add_argument("--out", required=True, help="a new or empty folder")
    rc.add_argument("--style", action="append", default=[],
                    help="a look: 0–25, a saved style's name, or vintage (repeatable)")
    rc.add_argument("--persona", action="append", default=[],
                    help="a look: a persona's name, or 'all' for every persona (repeatable)")
    rc.add_argument("--products", help="comma-separated product ids (default: all with a photo)")
    rc.add_argument("--strength", type=float, default=0.7)
    rc.add_argument("--mask", default="background", choices=("background", "product", "all"))
    rc.add_argument("--format", default="png", choices=("png", "jpg"))
    rc.add_argument("--max-side", type=int, help="longest side of the images (default: the "
                                                 "photo's own)")
    rc.add_argument("--device")
    rc.add_argument("--ray", metavar="local|ADDRESS", help="render on Ray actors")

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
    train.add_argument("--device")
    train.add_argument("--samples", help="folder for preview samples while training")
    train.add_argument("--sample-every", type=int, default=20)
    train.add_argument("--loss-csv", help="write the loss curve here")
    train.add_argument("--restart", action="store_true",
                       help="start over instead of resuming from a checkpoint of this name")

    fit = sub.add_parser("train", help="train a recommender on the store")
    add_db(fit)
    fit.add_argument("--model", default="hybrid",
                     help=f"{', '.join(REGISTRY.names())}, a comma list, or all")
    fit.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    fit.add_argument("--device", help="where models that train with torch train")

    rec = sub.add_parser("recommend", help="top products for a shopper, with reasons")
    add_db(rec)
    who = rec.add_mutually_exclusive_group(required=True)
    who.add_argument("--shopper")
    who.add_argument("--persona", help="a persona's list (its typical shoppers' lists fused)")
    rec.add_argument("-k", type=int, default=12)
    rec.add_argument("--model", default="hybrid", help=", ".join(REGISTRY.names()))
    rec.add_argument("--category")
    rec.add_argument("--min-price", type=float)
    rec.add_argument("--max-price", type=float)
    rec.add_argument("--in-stock", action="store_true", help="only products in stock")
    rec.add_argument("--include-seen", action="store_true", help="allow products they had")
    rec.add_argument("--diversity", type=float, default=0.0, help="0 (none) to 1 (MMR)")
    rec.add_argument("--per-family", type=int, default=2,
                     help="at most N colours/variants of one product (0: no limit)")
    rec.add_argument("--json", action="store_true")

    from stylerec_app.cli import curation, evaluate, team

    evaluate.add_parser(sub, default_db)
    curation.add_parsers(sub, add_db)
    team.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """Exit status: 0 done, 1 an error (one English sentence, no traceback unless --debug),
    2 a usage error, 130 cancelled."""
    multiprocessing.freeze_support()  # packaged builds: an import's reading helper
    settings = settings or Settings.resolve(os.environ)
    parser = build_parser(settings)
    args = parser.parse_args(argv)
    args.settings = settings
    import importlib

    module, function = HANDLERS[args.command].split(":")
    try:
        # Only the command's own module is imported: `import` and `info` never load torch.
        return getattr(importlib.import_module(f"stylerec_app.cli.{module}"), function)(args)
    except Cancelled:
        print("Cancelled.", file=sys.stderr)
        return 130
    except UsageError as exc:
        parser.exit(2, f"{parser.prog}: error: {exc}\n")
    except StyleRecError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line here, the whole story with --debug
        if args.debug:
            raise
        logging.getLogger("stylerec").debug("unexpected error", exc_info=True)
        print(f"error: something unexpected went wrong ({type(exc).__name__}: {exc}); "
              "run the command again with --debug for the details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
