"""The evaluation report: one self-contained HTML file (tables + inline SVG plots) and JSON.

Works on the plain dictionary the runner produces, so a saved JSON can be rendered
again. Plots use matplotlib's object API (no pyplot state, no GUI backend).
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

PLOT_COLOURS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3",
                "#8c8c8c", "#ccb974", "#64b5cd"]
TABLE_METRICS = ("Recall", "Precision", "NDCG", "MAP", "MRR", "HitRate")


def write_json(report: dict, path: Path) -> None:
    tmp = Path(path).with_suffix(".part")
    tmp.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def write_html(report: dict, path: Path) -> None:
    tmp = Path(path).with_suffix(".part")
    tmp.write_text(render_html(report), encoding="utf-8")
    tmp.replace(path)


def _fmt(value, digits: int = 4) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return html.escape(str(value))


def _p(value) -> str:
    if value is None:
        return "–"
    return "&lt;0.001" if value < 0.001 else f"{value:.3f}"


def _svg(fig, fmt: str = "svg"):
    """Inline SVG text, or PNG bytes with fmt="png" (for the app's charts)."""
    if fmt == "png":
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=110, bbox_inches="tight")
        return raw.getvalue()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _figure(width: float = 6.4, height: float = 3.2):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def plot_metric_bars(report: dict, k: int, fmt: str = "svg"):
    models = report["models"]
    metrics = [f"{m}@{k}" for m in ("Recall", "NDCG", "MAP", "HitRate")]
    fig = _figure(7.5, 3.2)
    ax = fig.add_subplot()
    width = 0.8 / max(len(models), 1)
    for n, model in enumerate(models):
        rows = [model["metrics"][m] for m in metrics]
        means = [r["mean"] or 0.0 for r in rows]
        errs = [[max(0.0, (r["mean"] or 0) - (r["low"] if r["low"] is not None else r["mean"] or 0))
                 for r in rows],
                [max(0.0, (r["high"] if r["high"] is not None else r["mean"] or 0) - (r["mean"] or 0))
                 for r in rows]]
        xs = [i + n * width for i in range(len(metrics))]
        ax.bar(xs, means, width, yerr=errs, capsize=2, label=model["name"],
               color=PLOT_COLOURS[n % len(PLOT_COLOURS)])
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(metrics))], metrics)
    ax.set_ylabel("mean over test users (95% CI)")
    ax.legend(fontsize=7, ncols=min(len(models), 5), loc="upper center",
              bbox_to_anchor=(0.5, -0.12), frameon=False)
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig, fmt)


def plot_recall_curves(report: dict, fmt: str = "svg"):
    fig = _figure(5.5, 3.2)
    ax = fig.add_subplot()
    for n, model in enumerate(report["models"]):
        curve = model["recall_curve"]
        ax.plot(range(1, len(curve) + 1), curve, label=model["name"],
                color=PLOT_COLOURS[n % len(PLOT_COLOURS)])
    ax.set_xlabel("k")
    ax.set_ylabel("Recall@k")
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    return _svg(fig, fmt)


def plot_coverage_popularity(report: dict, k: int, fmt: str = "svg"):
    fig = _figure(5.5, 3.2)
    ax = fig.add_subplot()
    for n, model in enumerate(report["models"]):
        b = model["beyond"]
        ax.scatter(b.get(f"PopularityBias@{k}", 0), b.get(f"Coverage@{k}", 0), s=40,
                   color=PLOT_COLOURS[n % len(PLOT_COLOURS)], label=model["name"])
        ax.annotate(model["name"], (b.get(f"PopularityBias@{k}", 0), b.get(f"Coverage@{k}", 0)),
                    fontsize=7, xytext=(4, 3), textcoords="offset points")
    ax.set_xlabel(f"popularity bias@{k} (mean popularity percentile)")
    ax.set_ylabel(f"catalogue coverage@{k}")
    ax.grid(alpha=0.3)
    return _svg(fig, fmt)


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _cell(m: dict) -> str:
    if m["low"] is None:
        return _fmt(m["mean"])
    return f"{_fmt(m['mean'])}<small> [{_fmt(m['low'])}, {_fmt(m['high'])}]</small>"


def accuracy_rows(report: dict, k: int) -> tuple[list[str], list[list[str]]]:
    head = ["model"] + [f"{m}@{k}" for m in TABLE_METRICS] + ["AUC", "MAP (full)"]
    rows = []
    for model in report["models"]:
        name = html.escape(model["name"]) + (" <sup>img</sup>" if model["uses_images"] else "")
        rows.append([name] + [_cell(model["metrics"][f"{m}@{k}"]) for m in TABLE_METRICS]
                    + [_cell(model["metrics"]["AUC"]), _cell(model["metrics"]["MAP"])])
    return head, rows


def _comparison_table(comparisons: dict, k: int) -> str:
    head = ["model", "metric", "difference", "95% CI", "p (paired t)", "p (Wilcoxon)", "users"]
    rows = []
    for model, metrics in comparisons.items():
        for name, c in metrics.items():
            if not name.endswith(f"@{k}"):
                continue
            rows.append([html.escape(model), name, _fmt(c["diff"]),
                         f"[{_fmt(c['low'])}, {_fmt(c['high'])}]", _p(c["p_ttest"]),
                         _p(c["p_wilcoxon"]), str(c["n"])])
    return _table(head, rows)


STYLE = """body{font-family:system-ui,'Noto Sans','Noto Sans CJK SC',sans-serif;margin:2em;
color:#222;max-width:1100px}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}
td:first-child,th:first-child{text-align:left}small{color:#777}h2{margin-top:1.6em}
.meta td{text-align:left}.note{color:#555;font-size:13px}"""


def _model_extras(model: dict) -> str:
    """The ranker's candidate recall table and feature importances."""
    extra, name, out = model["extra"], html.escape(model["name"]), ""
    recall = extra.get("candidate_recall")
    if recall:
        cutoffs = list(next(iter(recall.values())))
        rows = [[html.escape(source)] + [f"{row[n]:.3f}" for n in cutoffs]
                for source, row in recall.items()]
        out += (f"<h2>Candidate recall of {name}</h2>"
                + _table(["generator"] + [f"top {n}" for n in cutoffs], rows)
                + "<p class='note'>Share of the test purchases that each generator's top N "
                "(training items excluded) contains, and their union: the ceiling of the "
                "learned ranker.</p>")
    importance = extra.get("feature_importance")
    if importance:
        rows = [[html.escape(f), f"{v:.3f}"] for f, v in importance.items() if v > 0]
        trained = extra.get("trained_on", {})
        out += (f"<h2>Feature importance of {name}</h2>"
                + _table(["feature", "share of gain"], rows)
                + "<p class='note'>Trained on " + html.escape(", ".join(
                    f"{v} {k}" for k, v in trained.items())) + " from the window before the "
                "evaluation's cut.</p>")
    return out


def render_html(report: dict) -> str:
    ks = report["ks"]
    k = ks[0]
    ds, proto, ranking = report["dataset"], report["protocol"], report["ranking"]
    meta = [["dataset", _fmt(ds["label"])],
            ["users / items / events", f"{ds['users']} / {ds['items']} / {ds['events']}"],
            ["relevant", _fmt(ds["relevance"])],
            ["protocol", _fmt(proto["description"])],
            ["ranking", _fmt(ranking["description"])],
            ["split (events)", _fmt(", ".join(f"{n} {v}" for n, v in report["split"].items()))],
            ["evaluated users", str(report["evaluated_users"])],
            ["skipped users", _fmt(", ".join(f"{n}: {v}" for n, v in
                                             report["skipped_users"].items()))],
            ["test items left out", _fmt(", ".join(f"{n}: {v}" for n, v in
                                                   report["dropped_test_items"].items()))],
            ["tuning", "grid search on the validation part by " + report["main_metric"]
             if report["tuned"] else "fixed parameters"],
            ["run time", f"{report['seconds']:.1f} s"]]
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>StyleRec evaluation — "
             f"{_fmt(ds['label'])}</title><style>{STYLE}</style></head><body>",
             f"<h1>Offline evaluation</h1><p class='note'>{_fmt(report['app'])}, "
             f"{_fmt(report['created'])}</p>", _table(["", ""], meta).replace(
                 "<table>", "<table class='meta'>")]
    if report["skipped_models"]:
        parts.append("<p class='note'>Not run: " + "; ".join(
            f"<b>{html.escape(n)}</b> — {html.escape(r)}"
            for n, r in report["skipped_models"].items()) + "</p>")
    if not report["models"]:
        parts.append("<p>No model was evaluated.</p></body></html>")
        return "".join(parts)
    for kk in ks:
        head, rows = accuracy_rows(report, kk)
        parts.append(f"<h2>Accuracy at {kk}</h2>" + _table(head, rows))
    parts.append("<p class='note'>Mean over evaluated users with a 95% bootstrap interval "
                 "(1000 resamples of users). <sup>img</sup> = uses product images. Precision@k divides by k; "
                 "MAP@k divides by min(k, relevant items); MAP (full) is average precision over "
                 "the whole ranking (Cornac's MAP).</p>")
    parts.append(f"<h2>Metrics at {k}</h2>{plot_metric_bars(report, k)}")
    parts.append(f"<h2>Recall@k curves</h2>{plot_recall_curves(report)}")
    beyond_head = ["model", "fit (s)", "ranking (s)"] + [
        f"{m}@{k}" for m in ("Coverage", "Novelty", "Diversity", "PopularityBias")]
    beyond_rows = [[html.escape(m["name"]), f"{m['fit_seconds']:.2f}", f"{m['eval_seconds']:.2f}"]
                   + [_fmt(m["beyond"].get(f"{b}@{k}")) for b in
                      ("Coverage", "Novelty", "Diversity", "PopularityBias")]
                   for m in report["models"]]
    parts.append("<h2>Beyond accuracy</h2>" + _table(beyond_head, beyond_rows)
                 + "<p class='note'>Coverage: share of the catalogue recommended to anyone. "
                 "Novelty: mean −log2 of the share of training users who had the item. "
                 "Diversity: mean pairwise cosine distance of a list's image vectors. "
                 "Popularity bias: mean popularity percentile of recommended items.</p>"
                 + plot_coverage_popularity(report, k))
    if report["baseline"]:
        asked = report.get("extra", {}).get("baseline_asked")
        parts.append((f"<h2>Against {html.escape(report['baseline'])} (the baseline asked for)"
                      if asked else
                      f"<h2>Against the best non-visual model ({html.escape(report['baseline'])})")
                     + "</h2>" + _comparison_table(report["comparisons"], k)
                     + "<p class='note'>Paired over the same users: difference of means "
                     "(model − baseline), bootstrap interval of the difference, paired t-test "
                     "and Wilcoxon signed-rank p-values.</p>")
    if report.get("ablations"):
        parts.append("<h2>Ablations</h2>" + _comparison_table(report["ablations"], k)
                     + "<p class='note'>Each model against itself without one input (hybrid − "
                     "hybrid-no-style: the style-affinity feature; ranker − ranker-no-images: "
                     "the photos; ranker − ranker-no-style: the style features).</p>")
    parts += [_model_extras(m) for m in report["models"] if m.get("extra")]
    tuning_rows = [[html.escape(m["name"]), html.escape(json.dumps(t["params"])), _fmt(t["score"])]
                   for m in report["models"] for t in m["tuning"]]
    if tuning_rows:
        parts.append(f"<h2>Tuning ({report['main_metric']} on validation)</h2>"
                     + _table(["model", "parameters", "score"], tuning_rows))
    params_rows = [[html.escape(m["name"]), html.escape(json.dumps(m["params"]))]
                   for m in report["models"]]
    parts.append("<h2>Final parameters</h2>" + _table(["model", "parameters"], params_rows))
    if report.get("published"):
        pub = report["published"]
        model = next((m for m in report["models"] if m["name"] == pub["model"]), None)
        if model:
            rows = [[name, _fmt(value), _cell(model["metrics"][name])]
                    for name, value in pub["values"].items()]
            parts.append(f"<h2>Published numbers ({html.escape(pub['source'])})</h2>"
                         + _table(["metric", "published", "StyleRec (95% CI)"], rows))
    parts.append("</body></html>")
    return "".join(parts)
