"""Restyle a whole catalog: products × looks (styles or personas) → image files + a manifest.

For a season's catalog in every persona's style, on this machine or on Ray
(`stylerec restyle-catalog`). Each look gets a folder; `manifest.csv` lists every file
with its product, look, style settings and SHA-256, and `skipped.csv` what could not be
restyled (no usable photo) and why. Like a collection export it is built in a hidden
folder beside the target and renamed at the end, so a cancelled or failed run leaves
nothing behind. Renders run in batches — here, or on Ray actors that hold the generators —
and come back as encoded files that this process alone writes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.engine.images import BadImage, load_rgb
from stylerec_app.engine.style_spec import StyleSpec
from stylerec_app.services import distributed
from stylerec_app.services.output_folders import building, check_empty
from stylerec_app.services.styling import StyleService
from stylerec_app.storage import orm, profiles_repo, styles_repo
from stylerec_app.storage.database import Store
from stylerec_app.storage.import_writer import ids_for
from stylerec_app.storage.interactions_repo import ids_and_names

MANIFEST = ("product_id", "look", "kind", "strength", "mask", "file", "checksum")
BATCH = 8


@dataclass(frozen=True)
class Look:
    name: str  # the style's or persona's name (its folder, slugged)
    kind: str  # "style" or "persona"
    spec: StyleSpec


@dataclass
class RestyleReport:
    folder: Path
    files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (product, why)
    workers: str = "this machine"


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text, flags=re.UNICODE).strip("_") or "look"


def plan_looks(store: Store, stylizer, *, styles: list[str] = (), personas: list[str] = (),
               strength: float = 0.7, mask: str = "background") -> list[Look]:
    """Looks from style names (built-in numbers or names, saved styles, "vintage") and
    persona names ("all" for every persona)."""
    from stylerec_app.services.personas import PersonaService

    service = StyleService(store)
    choices = {c.name.lower(): c for c in service.sync(stylizer)}
    looks = []
    for name in styles:  # named as the style is ("Style 3" → its built-in name)
        spec = service.spec_for(stylizer, style=name, strength=strength, mask=mask)
        looks.append(Look(service.find_style(name, choices).name, "style", spec))
    if personas:
        known = PersonaService(store).personas()
        if not known:
            raise StyleRecError("This store has no personas yet: build them first "
                                "(stylerec persona build).")
        chosen = known if list(personas) == ["all"] else [
            PersonaService(store).persona(p) for p in personas]
        looks += [Look(p.name, "persona", service.spec_for(
            stylizer, weights=list(p.style_blend), strength=strength, mask=mask))
            for p in chosen]
    if not looks:
        raise StyleRecError("Name at least one style (--style) or persona (--persona).")
    if len({_slug(look.name) for look in looks}) < len(looks):
        raise StyleRecError("Two looks have the same name: each look needs its own folder.")
    return looks


def product_photos(store: Store, products: list[str] | None) -> tuple[list, list]:
    """([(external id, photo path)], [(external id, why skipped)]) for the named products,
    or every product when None."""
    usable, skipped = [], []
    with store.read() as session:
        if products is None:
            ids = ids_and_names(session, "products")[0].tolist()
        else:
            found = ids_for(session, orm.Product, products)
            missing = [p for p in products if p not in found]
            if missing:
                raise StyleRecError(f"No product with id {missing[0]!r} in this store.")
            ids = [found[p] for p in products]
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            found = profiles_repo.summaries(session, chunk, families=False)
            for pid in chunk:
                s = found[pid]
                if s.image_path and s.image_status == "ok":
                    usable.append((s.external_id, s.image_path))
                else:
                    skipped.append((s.external_id, f"no usable photo ({s.image_status})"))
    return usable, skipped


def render_file(stylizer, photo: str, spec: StyleSpec, fmt: str) -> bytes:
    """One restyled photo, encoded (PNG or JPEG)."""
    image = stylizer.render(load_rgb(photo), spec).convert("RGB")
    buffer = io.BytesIO()
    if fmt == "jpg":
        image.save(buffer, "JPEG", quality=92)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def render_batch(stylizer, batch: list[tuple], fmt: str) -> list[tuple]:
    """[(product, look index, bytes or None, why not)] for [(product, photo, look index,
    spec)]."""
    out = []
    for product, photo, look, spec in batch:
        try:
            out.append((product, look, render_file(stylizer, photo, spec, fmt), ""))
        except BadImage as exc:
            out.append((product, look, None, f"photo cannot be read: {exc}"))
    return out


class RestyleWorker:
    """A Ray actor holding the generators, with the store's trained styles at the same
    places in its bank as here."""

    def __init__(self, device: str, trained: list[tuple[str, int, dict]], fmt: str,
                 threads: int) -> None:
        import torch

        from stylerec_app.engine.stylize import Stylizer

        torch.set_num_threads(threads)
        self.stylizer = Stylizer(torch.device(device))
        for name, index, rows in sorted(trained, key=lambda t: t[1]):
            got = self.stylizer.add_trained(name, {k: torch.from_numpy(v)
                                                   for k, v in rows.items()})
            if got != index:
                raise StyleRecError(f"The style {name!r} landed at {got}, not {index}.")
        self.fmt = fmt

    @distributed.tagged
    def run(self, batch: list[tuple]) -> list[tuple]:
        return render_batch(self.stylizer, batch, self.fmt)


def restyle_catalog(store: Store, stylizer, looks: list[Look], folder: Path, *,
                    products: list[str] | None = None, fmt: str = "png",
                    max_side: int | None = None, progress: ProgressSink = ignore_progress,
                    cancel: CancelToken | None = None, ray: str | None = None,
                    ray_workers: int | None = None, device: str = "auto") -> RestyleReport:
    """Every product × look into `folder` (new or empty)."""
    cancel = cancel or CancelToken()
    folder = Path(folder)
    check_empty(folder, "restyle")
    fmt = "jpg" if fmt.lower() in ("jpg", "jpeg") else "png"
    usable, skipped = product_photos(store, products)
    looks = [replace(look, spec=replace(look.spec, max_side=max_side)) for look in looks]
    work_items = [(ext, photo, n, look.spec) for ext, photo in usable
                  for n, look in enumerate(looks)]
    batches = [work_items[i : i + BATCH] for i in range(0, len(work_items), BATCH)]
    report = RestyleReport(folder, skipped=list(skipped))
    total, done = len(work_items), 0
    with building(folder, "restyle") as work:
        for look in looks:
            (work / _slug(look.name)).mkdir()
        with open(work / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
            manifest = csv.DictWriter(fh, MANIFEST)
            manifest.writeheader()

            def write(_index: int, results: list[tuple]) -> None:
                nonlocal done
                for product, n, data, why in results:
                    look = looks[n]
                    if data is None:
                        report.skipped.append((product, why))
                        continue
                    target = work / _slug(look.name) / f"{_slug(product)}.{fmt}"
                    target.write_bytes(data)
                    manifest.writerow({
                        "product_id": product, "look": look.name, "kind": look.kind,
                        "strength": look.spec.strength, "mask": look.spec.mask,
                        "file": target.relative_to(work).as_posix(),
                        "checksum": hashlib.sha256(data).hexdigest()})
                    report.files += 1
                done += len(results)
                progress(Progress(done, total, "restyle-catalog"))

            progress(Progress(0, total, "restyle-catalog"))
            if ray:
                _on_ray(ray, ray_workers, device, store, stylizer, batches, fmt, write, cancel,
                        report)
            else:
                for n, batch in enumerate(batches):
                    cancel.raise_if_cancelled()
                    write(n, render_batch(stylizer, batch, fmt))
            cancel.raise_if_cancelled()
        with open(work / "skipped.csv", "w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(["product_id", "reason"])
            out.writerows(report.skipped)
        (work / "manifest.json").write_text(json.dumps({
            "checksum": "sha256", "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "store": store.label, "files": report.files, "skipped": len(report.skipped),
            "looks": [{"name": look.name, "kind": look.kind, "folder": _slug(look.name),
                       "spec": {k: v for k, v in asdict(look.spec).items() if k != "extra"}}
                      for look in looks]}, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def _on_ray(address, workers, device, store, stylizer, batches, fmt, write, cancel,
            report) -> None:
    with store.read() as session:
        saved = {name: arrays for name, kind, arrays, _meta in styles_repo.list_styles(session)
                 if kind == "trained"}
    trained = [(name, index, saved[name]) for name, index in stylizer.trained.items()
               if name in saved]
    with distributed.ray_session(address) as ray:
        plan = distributed.plan_workers(ray, device, workers)
        report.workers = plan.label
        distributed.run_on_actors(ray, RestyleWorker, (plan.device, trained, fmt,
                                                       4 if plan.gpus else 1),
                                  "run", batches, write, workers=plan, cancel=cancel)
