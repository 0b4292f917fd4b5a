"""CLI commands for the style engine: stylize, styles, add-style, train-style."""

from __future__ import annotations

import sys
from pathlib import Path

from stylerec_app.cli.common import (
    ProgressBar,
    engines_for,
    open_store_for,
    say_device,
    with_cancel,
)
from stylerec_app.domain.errors import Cancelled


def _cmd_stylize(args) -> int:
    import time

    from stylerec_app.services.styling import StyleService, save_image_atomically

    store = open_store_for(args)
    try:
        service = StyleService(store)
        # what the store lacks is said before the networks take seconds to load
        photo = service.product_photo(args.product)
        weights = None  # a shopper's blend, else a persona's
        if args.shopper is not None:
            weights = service.shopper_blend(args.shopper)
        elif args.persona:
            from stylerec_app.services.personas import PersonaService

            weights = PersonaService(store).blend(args.persona)
        engines = engines_for(args)
        stylizer = engines.stylizer
        say_device(engines)
        spec = service.spec_for(stylizer, style=args.style, weights=weights,
                                blend=args.blend, strength=args.strength, mask=args.mask,
                                preserve_colour=args.keep_colours)
        start = time.perf_counter()
        image = stylizer.render(photo, spec)
        took = time.perf_counter() - start
        out = save_image_atomically(image, Path(args.output))
    finally:
        store.close()
    print(f"Wrote {out} ({image.width}×{image.height}, {took * 1000:.0f} ms on "
          f"{stylizer.device}).")
    return 0


def _cmd_restyle_catalog(args) -> int:
    from stylerec_app.services.catalog_restyle import plan_looks, restyle_catalog

    store = open_store_for(args)
    bar = ProgressBar(args.quiet)
    try:
        engines = engines_for(args)
        stylizer = engines.stylizer
        looks = plan_looks(store, stylizer, styles=args.style, personas=args.persona,
                           strength=args.strength, mask=args.mask)
        products = [p.strip() for p in args.products.split(",")] if args.products else None
        report = with_cancel(lambda token: restyle_catalog(
            store, stylizer, looks, Path(args.out), products=products, fmt=args.format,
            max_side=args.max_side, progress=bar, cancel=token, ray=args.ray,
            device=engines.device_setting))
    except Cancelled:
        bar.close()
        print("Restyling cancelled: nothing was written.", file=sys.stderr)
        return 130
    finally:
        bar.close()
        store.close()
    print(f"Wrote {report.files} images in {len(looks)} looks to {report.folder} "
          f"({report.workers}); manifest.csv lists each with its SHA-256.")
    if report.skipped:
        print(f"{len(report.skipped)} skipped (listed in skipped.csv), e.g. "
              f"{report.skipped[0][0]}: {report.skipped[0][1]}")
    return 0


def _cmd_styles(args) -> int:
    from stylerec_app.services.styling import StyleService

    store = open_store_for(args)
    try:
        saved = StyleService(store).saved_styles()
    finally:
        store.close()
    from stylerec_app.services.styling import BUILTIN_NAMES

    print("Built-in (blendable; by name or number):")
    for i, name in enumerate(BUILTIN_NAMES):
        print(f"{i:>10} {name}")
    print(f"{'vintage':>10} Vintage (CycleGAN)")
    for name, kind, _arrays, meta in saved:
        source = ", ".join(meta.get("pictures", [])) or meta.get("source", "")
        print(f"{kind:<10} {name}  ({source})")
    return 0


def _cmd_add_style(args) -> int:
    from stylerec_app.services.styling import StyleService

    store = open_store_for(args)
    try:
        StyleService(store).add_picture_style(engines_for(args).stylizer, args.name,
                                              Path(args.picture))
    finally:
        store.close()
    print(f"Saved style {args.name!r} from {args.picture}.")
    return 0


def _cmd_train_style(args) -> int:
    from stylerec_app.services.style_training import TrainConfig, train_style

    store = open_store_for(args)
    engines = engines_for(args)
    bar = ProgressBar(args.quiet)
    samples = Path(args.samples) if args.samples else None
    if samples:
        samples.mkdir(parents=True, exist_ok=True)

    def preview(step, image, record):
        if samples:
            image.save(samples / f"step{step:05d}.png")

    config = TrainConfig(size=args.size, steps=args.steps, batch=args.batch)
    try:
        result = with_cancel(lambda token: train_style(
            store, [Path(p) for p in args.images], args.name, engines, config=config,
            progress=bar, cancel=token,
            preview=preview, preview_every=args.sample_every, resume=not args.restart))
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
