"""CLI commands for profiles: profile, similar."""

from __future__ import annotations

import sys

from stylerec_app.cli.common import ProgressBar, engines_for, open_store_for, with_cancel
from stylerec_app.domain.errors import Cancelled, StyleRecError


def _cmd_profile(args) -> int:
    store = open_store_for(args)  # a file that is not a store is refused before models load
    from stylerec_app.services.profiles import build_profiles

    engines = engines_for(args)
    bar = ProgressBar(args.quiet)
    try:
        report = with_cancel(lambda token: build_profiles(
            store, engines, progress=bar, cancel=token, batch_size=args.batch_size,
            ray=args.ray))
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

    store = open_store_for(args)
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
