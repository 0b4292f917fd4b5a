"""CLI commands for the merchandiser's curation: style personas and styled collections."""

from __future__ import annotations

import json
from pathlib import Path

from stylerec_app.cli.common import ProgressBar, engines_for, open_store_for, with_cancel
from stylerec_app.domain.errors import StyleRecError


def add_parsers(sub, add_db) -> None:
    persona = sub.add_parser("persona", help="style personas: groups of shoppers alike in "
                                             "style and taste")
    actions = persona.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help="cluster the profiled shoppers into personas")
    build.add_argument("-k", type=int, help="how many (default: chosen by silhouette, 2–8)")
    actions.add_parser("list", help="the personas, largest first")
    show = actions.add_parser("show", help="one persona: blend, categories, typical members")
    show.add_argument("name")
    show.add_argument("--members", type=int, default=10)
    rename = actions.add_parser("rename", help="give a persona your own name")
    rename.add_argument("name")
    rename.add_argument("new_name")
    for p in actions.choices.values():
        add_db(p)

    coll = sub.add_parser("collection", help="curated styled catalogs: build, review, export")
    actions = coll.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="a new collection")
    create.add_argument("name")
    style = actions.add_parser("style", help="change a collection's style")
    style.add_argument("name")
    for p in (create, style):
        p.add_argument("--style", default="persona",
                       help="a style's name or number, or 'persona' (each persona's own "
                            "blend; the default)")
        p.add_argument("--strength", type=float, default=0.7)
        p.add_argument("--mask", default="background", choices=("background", "product", "all"),
                       help="background (default: the product stays true), product, or all "
                            "(a look: not the product's real colours)")
        p.add_argument("--keep-colours", action="store_true")
        p.add_argument("--persona-style", action="append", default=[], metavar="PERSONA=STYLE",
                       help="another style for one persona (repeatable)")
    add = actions.add_parser("add", help="add products: by id, from a search, or a persona's "
                                         "top-N")
    add.add_argument("name")
    add.add_argument("--products", nargs="+", default=[], help="product ids")
    add.add_argument("--search", help="products a catalog search finds")
    add.add_argument("--category")
    add.add_argument("--limit", type=int, default=50, help="at most this many from a search")
    add.add_argument("--persona", action="append", default=[],
                     help="add them for this persona (repeatable; default: every shopper)")
    add.add_argument("--top", type=int, help="each --persona's top N recommendations")
    add.add_argument("--model", default="hybrid", help="the recommender for --top")
    actions.add_parser("list", help="the collections and their review counts")
    show = actions.add_parser("show", help="a collection's items and their review state")
    show.add_argument("name")
    show.add_argument("--json", action="store_true")
    review = actions.add_parser("review", help="approve or reject images")
    review.add_argument("name")
    review.add_argument("products", nargs="+", help="product ids (or 'all')")
    review.add_argument("--persona", help="only this persona's image of them")
    verdict = review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    verdict.add_argument("--reset", action="store_true", help="back to pending")
    review.add_argument("--note", help="a note kept with the image (exported in the manifest)")
    export = actions.add_parser("export", help="the approved images + manifest.csv/json")
    export.add_argument("name")
    export.add_argument("folder", help="a new or empty folder")
    export.add_argument("--format", default="png", choices=("png", "jpg"))
    export.add_argument("--device")
    delete = actions.add_parser("delete", help="delete a collection (not its exports)")
    delete.add_argument("name")
    for p in actions.choices.values():
        add_db(p)


def cmd_persona(args) -> int:
    from stylerec_app.services.personas import PersonaService, build_personas
    from stylerec_app.services.styling import builtin_name

    store = open_store_for(args)
    try:
        service = PersonaService(store)
        if args.action == "build":
            bar = ProgressBar(args.quiet)
            report = with_cancel(lambda token: build_personas(store, args.k, progress=bar,
                                                              cancel=token))
            bar.close()
            scores = ", ".join(f"k={k}: {s:.3f}" for k, s in sorted(report.silhouettes.items()))
            print(f"{report.personas} personas from {report.shoppers:,} profiled shoppers "
                  f"(silhouette {scores}).")
        if args.action in ("build", "list"):
            for p in service.personas():
                print(f"{p.size:>7,}  {p.name}")
        elif args.action == "rename":
            print(f"Renamed to {service.rename(args.name, args.new_name).name}.")
        elif args.action == "show":
            p = service.persona(args.name)
            print(f"{p.name}: {p.size:,} shoppers (silhouette {p.silhouette:.3f})")
            top = sorted(enumerate(p.style_blend), key=lambda kv: -kv[1])[:5]
            print("  styles:     " + ", ".join(f"{builtin_name(i)} {w:.0%}" for i, w in top))
            print("  categories: " + ", ".join(f"{c} {s:.0%}" for c, s in p.categories))
            members = service.members(p.id, args.members)
            print("  most typical: " + ", ".join(m.external_id for m in members))
    finally:
        store.close()
    return 0


def _style(args):
    from stylerec_app.services.collections import CollectionStyle

    per_persona = {}
    for item in args.persona_style:
        persona, sep, style = item.partition("=")
        if not sep:
            raise StyleRecError(f"--persona-style expects PERSONA=STYLE, got {item!r}")
        per_persona[persona.strip()] = style.strip()
    return CollectionStyle(args.style, args.strength, args.mask, args.keep_colours, per_persona)


def cmd_collection(args) -> int:
    from stylerec_app.domain.catalog import CatalogFilter
    from stylerec_app.services.collections import CollectionService

    store = open_store_for(args)
    try:
        service = CollectionService(store)
        action = args.action
        if action == "create":
            service.create(args.name, _style(args))
            print(f"Created {args.name!r}.")
        elif action == "style":
            service.set_style(args.name, _style(args))
            print(f"{args.name!r} now restyles with {args.style}.")
        elif action == "add":
            added = 0
            if args.top:
                if not args.persona:
                    raise StyleRecError("--top adds a persona's recommendations: name it "
                                        "with --persona.")
                from stylerec_app.services.recommendation.service import RecommendationService

                recommender = RecommendationService(store)
                for persona in args.persona:
                    added += service.add_persona_top(args.name, persona, recommender,
                                                     args.top, args.model)
            if args.products:
                added += service.add_products(args.name, args.products, args.persona)
            if args.search is not None or args.category:
                added += service.add_search(args.name, CatalogFilter(
                    args.search or "", args.category or "", limit=args.limit), args.persona)
            print(f"Added {added} new item(s) to {args.name!r}.")
        elif action == "list":
            for c in service.collections():
                counts = ", ".join(f"{n} {s}" for s, n in sorted(c.counts.items()))
                print(f"{c.name}  ({c.style.style}, {c.style.mask}; {counts or 'empty'})")
        elif action == "show":
            view = service.collection(args.name)
            if args.json:
                print(json.dumps([{"item": i.id, "product": i.product.external_id,
                                   "persona": i.persona, "status": i.status, "note": i.note}
                                  for i in view.items], ensure_ascii=False, indent=1))
            else:
                print(f"{view.name}: {view.style.style} at {view.style.strength:g}, "
                      f"{view.style.mask}; " + ", ".join(f"{n} {s}"
                                                         for s, n in view.counts.items()))
                for i in view.items:
                    print(f"{i.status:<9} {i.product.external_id:<14} {i.persona or '—':<40} "
                          f"{i.note}")
        elif action == "review":
            view = service.collection(args.name)
            if args.products == ["all"]:
                ids = [i.id for i in view.items
                       if args.persona is None or i.persona.lower() == args.persona.lower()]
            else:
                ids = [i for p in args.products for i in
                       (service.find_items(args.name, p, args.persona)
                        or _missing(p, args.name))]
            status = "approved" if args.approve else "rejected" if args.reject else "pending"
            service.review(args.name, ids, status, args.note)
            print(f"{len(ids)} image(s) {status}.")
        elif action == "export":
            bar = ProgressBar(args.quiet, unit="image")
            engines = engines_for(args)
            report = with_cancel(lambda token: service.export(
                args.name, Path(args.folder), engines.stylizer, progress=bar, cancel=token,
                fmt=args.format))
            bar.close()
            print(f"Exported {report.files} image(s) to {report.folder} "
                  f"(manifest.csv, manifest.json).")
            for product, persona, why in report.skipped:
                print(f"skipped {product} {persona}: {why}")
        elif action == "delete":
            service.delete(args.name)
            print(f"Deleted {args.name!r}.")
    finally:
        store.close()
    return 0


def _missing(product: str, name: str):
    raise StyleRecError(f"{product!r} is not in {name!r}.")
