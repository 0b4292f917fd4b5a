"""CLI commands for recommenders: train, recommend."""

from __future__ import annotations

from stylerec_app.cli.common import ProgressBar, engines_for, open_store_for, with_cancel
from stylerec_app.domain.errors import StyleRecError


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
    from stylerec_app.services.recommendation.registry import REGISTRY

    store = open_store_for(args)
    engines = engines_for(args)
    bar = ProgressBar(args.quiet)
    try:
        names = REGISTRY.names() if args.model == "all" else args.model.split(",")
        for name in names:
            REGISTRY.get(name)
            trained = with_cancel(lambda token, name=name: models.train_and_save(
                store, name, _parse_params(args.param), engines=engines, progress=bar,
                cancel=token))
            bar.close()
            print(f"Trained {name} in {trained.fit_seconds:.1f} s on "
                  f"{trained.dataset.snapshot['events']} events → {trained.path}")
    finally:
        bar.close()
        store.close()
    return 0


def _cmd_recommend(args) -> int:
    import json

    from stylerec_app.services.recommendation.service import Query, RecommendationService

    store = open_store_for(args)
    try:
        service = RecommendationService(store, engines_for(args))
        query = Query(args.shopper or "", args.k, args.model, args.category, args.min_price,
                      args.max_price, args.in_stock, not args.include_seen, args.diversity,
                      args.per_family)
        picks = (service.recommend_persona(args.persona, query) if args.persona
                 else service.recommend(query))
    finally:
        store.close()
    if args.json:
        print(json.dumps([{"rank": n, "product": r.product.external_id,
                           "title": r.product.title, "score": round(r.score, 5),
                           "reason": r.reason.english(), "reason_code": r.reason.code}
                          for n, r in enumerate(picks, 1)],
                         ensure_ascii=False, indent=1))
    else:
        who = f"persona {args.persona}" if args.persona else args.shopper
        print(f"Top {len(picks)} for {who} ({args.model}):")
        for n, r in enumerate(picks, 1):
            print(f"{n:>3}. {r.product.external_id:<14} {r.product.title[:40]:<40} "
                  f"{r.score:8.3f}  {r.reason.english()}")
    return 0
