"""`stylerec evaluate`: offline evaluation with a report (HTML and JSON)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from stylerec_app.cli.common import ProgressBar, engines_for, with_cancel
from stylerec_app.domain.errors import StyleRecError


def add_parser(sub, default_db: str) -> None:
    from stylerec_app.services.evaluation_runs.presets import PRESETS
    from stylerec_app.services.evaluation_runs.protocols import CANDIDATES, PROTOCOLS
    from stylerec_app.services.recommendation.registry import REGISTRY

    p = sub.add_parser("evaluate", help="offline evaluation of recommenders, with a report")
    p.add_argument("--dataset", default=f"db:{default_db}",
                   help="db:PATH, hm[:DIR] or ml-100k[:DIR] (default: the default store; hm and "
                        "ml-100k without a folder are looked up under --data-dir)")
    p.add_argument("--data-dir", help="folder holding hm/ and ml-100k/ (default: STYLEREC_DATA)")
    p.add_argument("--preset", choices=sorted(PRESETS),
                   help="a named protocol (published reproductions, the H&M protocols); "
                        "other options override it")
    p.add_argument("--protocol", choices=PROTOCOLS)
    p.add_argument("--test", type=float, help="test share (random protocols)")
    p.add_argument("--valid", type=float, help="validation share (random protocols)")
    p.add_argument("--seed", type=int, help="split seed")
    p.add_argument("--last", type=int, help="leave-last: how many days/events per user")
    p.add_argument("--unit", choices=("day", "event"), help="leave-last: days or events")
    p.add_argument("--cut", help="temporal: first test day, YYYY-MM-DD")
    p.add_argument("--valid-days", type=float, help="temporal: validation days before the cut")
    p.add_argument("--models", default="pop,itemknn,als,bpr,vbpr,hybrid",
                   help=f"comma list of {', '.join(REGISTRY.names())}")
    p.add_argument("--k", help="cut-offs, e.g. 10,20 (the first is the main one)")
    p.add_argument("--threshold", type=float, help="ratings at or above this are relevant")
    p.add_argument("--candidates", choices=CANDIDATES,
                   help="which items are ranked (default unseen: training items excluded)")
    p.add_argument("--sampled", type=int, help="rank among N sampled negatives instead of all")
    p.add_argument("--exclude-unknowns", action="store_true", default=None,
                   help="drop items never seen in training")
    p.add_argument("--no-tune", action="store_true", help="no validation grid search")
    p.add_argument("--baseline", help="compare every model with this one (default: the best "
                   "model that does not use product images)")
    p.add_argument("--param", action="append", default=[], metavar="MODEL.NAME=VALUE",
                   help="fix a model parameter, e.g. bpr.factors=10 (repeatable)")
    p.add_argument("--device", help="where models that train with torch train")
    p.add_argument("--ray", metavar="local|ADDRESS",
                   help="run the models in parallel on Ray (a local instance or a cluster)")
    p.add_argument("--report", help="write the HTML report here")
    p.add_argument("--json", help="write the JSON results here")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def _value(text: str):
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False, "none": None}.get(text.lower(), text)


def build_config(args):
    """EvalConfig (and the published numbers, for a preset) from the command line."""
    from stylerec_app.services.evaluation_runs.presets import PRESETS
    from stylerec_app.services.evaluation_runs.protocols import Protocol, RankingOptions, day_number
    from stylerec_app.services.evaluation_runs.runner import EvalConfig

    preset = PRESETS[args.preset] if args.preset else None
    protocol = preset.protocol if preset else Protocol()
    ranking = preset.ranking if preset else RankingOptions()
    overrides = {"kind": args.protocol, "test": args.test, "valid": args.valid, "seed": args.seed,
                 "last_n": args.last, "unit": args.unit, "valid_days": args.valid_days,
                 "cut_day": day_number(args.cut) if args.cut else None}
    protocol = replace(protocol, **{k: v for k, v in overrides.items() if v is not None})
    try:
        ks = tuple(int(k) for k in args.k.split(",")) if args.k else None
    except ValueError:
        raise StyleRecError(f"--k expects numbers like 10,20, got {args.k!r}") from None
    overrides = {"ks": ks, "candidates": args.candidates, "sampled": args.sampled,
                 "exclude_unknowns": args.exclude_unknowns}
    ranking = replace(ranking, **{k: v for k, v in overrides.items() if v is not None})
    params = {m: dict(v) for m, v in ((preset.params or {}) if preset else {}).items()}
    for item in args.param:
        key, sep, value = item.partition("=")
        model, dot, name = key.partition(".")
        if not sep or not dot:
            raise StyleRecError(f"--param expects MODEL.NAME=VALUE, got {item!r}")
        params.setdefault(model, {})[name] = _value(value)
    threshold = args.threshold if args.threshold is not None else (
        preset.threshold if preset else None)
    models = tuple(m.strip() for m in args.models.split(",") if m.strip())
    config = EvalConfig(args.dataset, protocol, ranking, models, tune=not args.no_tune,
                        params=params, threshold=threshold, baseline=args.baseline)
    published = ({"source": args.preset, "model": "bpr", "values": preset.published}
                 if preset and preset.published else None)
    return config, published


def _f(value, width: int) -> str:
    return f"{value:>{width}.4f}" if value is not None else f"{'–':>{width}}"


def print_summary(report) -> None:
    k = report.main_k
    print(f"{report.dataset['label']}: {report.protocol['description']}")
    print(f"{report.ranking['description']}; {report.evaluated_users} users evaluated "
          f"(skipped: {report.skipped_users})")
    names = ["Recall", "Precision", "NDCG", "MAP", "HitRate"]
    print(f"{'model':<16}" + "".join(f"{n + '@' + str(k):>13}" for n in names)
          + f"{'AUC':>9}{'MAP':>9}{'Cov@' + str(k):>9}")
    for m in report.models:
        print(f"{m.name:<16}" + "".join(_f(m.value(f"{n}@{k}"), 13) for n in names)
              + _f(m.value("AUC"), 9) + _f(m.value("MAP"), 9)
              + _f(m.beyond.get(f"Coverage@{k}"), 9))
    for name, reason in report.skipped_models.items():
        print(f"{name:<16}not run: {reason}")
    if report.published:
        pub = report.published
        model = report.model(pub["model"])
        if model:
            print(f"published ({pub['source']}) vs ours [95% CI]:")
            for name, value in pub["values"].items():
                m = model.metrics[name]
                print(f"  {name:<14}{value:>8.4f}  {m.mean:.4f} [{m.low:.4f}, {m.high:.4f}]")
    print(f"({report.seconds:.1f} s)")


def cmd_evaluate(args) -> int:
    from stylerec_app.services.evaluation_runs.report_files import write_html, write_json
    from stylerec_app.services.evaluation_runs.runner import evaluate_to_report

    config, published = build_config(args)
    settings = args.settings
    data_dir = Path(args.data_dir).expanduser() if args.data_dir else settings.eval_data
    bar = ProgressBar(args.quiet, unit="step")
    try:
        report = with_cancel(lambda token: evaluate_to_report(
            config, cache_dir=settings.cache_dir, data_dir=data_dir, engines=engines_for(args),
            published=published, progress=bar, cancel=token, ray=args.ray))
    finally:
        bar.close()
    print_summary(report)
    if args.report:
        write_html(report, Path(args.report))
        print(f"Report written to {args.report}")
    if args.json:
        write_json(report, Path(args.json))
        print(f"Results written to {args.json}")
    if not report.models:
        print("No model could be evaluated.", file=sys.stderr)
        return 1
    return 0
