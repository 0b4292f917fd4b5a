"""Curated styled catalogs: a collection of products (for everyone or per persona) in a
chosen style, each restyled image approved or rejected, the approved set exported as files
plus a manifest (CSV and JSON, with checksums) for a shop's CMS or an A/B test."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from stylerec_app.domain.catalog import CatalogFilter, ProductSummary
from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.services.output_folders import building, check_empty
from stylerec_app.services.personas import PersonaService
from stylerec_app.services.styling import (
    SHOPPER_LOOK,
    StyleChoice,
    StyleService,
    build_spec,
    save_image_atomically,
)
from stylerec_app.storage import catalog_repo, orm, personas_repo, profiles_repo
from stylerec_app.storage.database import Store

PERSONA_STYLE = "persona"  # each item in its persona's own style blend
STATUSES = ("pending", "approved", "rejected")
MANIFEST_FIELDS = ("product_id", "group", "persona", "style", "strength", "mask", "file",
                   "checksum", "original", "original_checksum", "note")


@dataclass(frozen=True)
class CollectionStyle:
    """How a collection is restyled. True to the product by default: the background only."""

    style: str = PERSONA_STYLE  # a style's name or number, or "persona"
    strength: float = SHOPPER_LOOK["strength"]
    mask: str = SHOPPER_LOOK["mask"]
    keep_colours: bool = False
    per_persona: dict = field(default_factory=dict)  # persona → a style instead of `style`

    def for_persona(self, persona: str) -> str:
        return self.per_persona.get(persona, self.style)


@dataclass(frozen=True)
class CollectionItemView:
    id: int
    product: ProductSummary
    persona: str
    status: str
    note: str


@dataclass(frozen=True)
class CollectionView:
    id: int
    name: str
    style: CollectionStyle
    personas: dict  # persona → its style blend when it was added
    items: tuple[CollectionItemView, ...] = ()
    counts: dict = field(default_factory=dict)  # status → items


@dataclass
class ExportReport:
    folder: Path
    files: int = 0
    manifest_csv: Path | None = None
    manifest_json: Path | None = None
    skipped: list = field(default_factory=list)  # (product id, persona, why)


def find_choice(style: str, choices: list[StyleChoice]) -> StyleChoice | None:
    return StyleService.find_style(style, {c.name.lower(): c for c in choices})


def spec_for_item(collection: CollectionView, persona: str, choices: list[StyleChoice],
                  max_side: int | None = None):
    """The StyleSpec of one item: its persona's blend or a named style, at the collection's
    strength and mask. `choices`: StyleService.sync(stylizer) (the bank as loaded)."""
    s = collection.style
    style = s.for_persona(persona)
    options = {"strength": s.strength, "mask": s.mask, "keep_colours": s.keep_colours,
               "max_side": max_side}
    if style == PERSONA_STYLE:
        blend = collection.personas.get(persona)
        if not blend:
            raise StyleRecError(f"{collection.name!r} restyles in each persona's style, and "
                                "this item has no persona: choose a style for it.")
        return build_spec("blend", weights=blend, **options)
    choice = find_choice(style, choices)
    if choice is None:
        raise StyleRecError(f"The style {style!r} of {collection.name!r} is no longer in this "
                            "store: choose another.")
    kind = {"builtin": "bank", "trained": "bank"}.get(choice.kind, choice.kind)
    return build_spec(kind, index=choice.index, vector=choice.vector, **options)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:60] or "item"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class CollectionService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- collections ------------------------------------------------------------------------------

    def _row(self, session, name: str) -> orm.Collection:
        row = personas_repo.collection(session, name)
        if row is None:
            raise StyleRecError(f"No collection named {name!r} in this store.")
        return row

    @staticmethod
    def _style(row) -> CollectionStyle:
        return CollectionStyle(**{k: v for k, v in (row.style or {}).items()
                                  if k in CollectionStyle.__dataclass_fields__})

    def create(self, name: str, style: CollectionStyle | None = None) -> CollectionView:
        name = name.strip()
        if not name:
            raise StyleRecError("A collection needs a name.")
        with self.store.write() as session:
            if personas_repo.collection(session, name) is not None:
                raise StyleRecError(f"A collection named {name!r} already exists.")
            session.add(orm.Collection(name=name, style=asdict(style or CollectionStyle()),
                                       personas={}))
        return self.collection(name)

    def delete(self, name: str) -> None:
        with self.store.write() as session:
            session.delete(self._row(session, name))

    def set_style(self, name: str, style: CollectionStyle) -> CollectionView:
        with self.store.write() as session:
            row = self._row(session, name)
            row.style = asdict(style)
            personas_repo.touch_collection(session, row.id)
        return self.collection(name)

    def collections(self) -> list[CollectionView]:
        with self.store.read() as session:
            return [CollectionView(c.id, c.name, self._style(c), dict(c.personas or {}),
                                   counts=counts)
                    for c, counts in personas_repo.list_collections(session)]

    def collection(self, name: str) -> CollectionView:
        with self.store.read() as session:
            row = self._row(session, name)
            items = personas_repo.collection_items(session, row.id)
            found = profiles_repo.summaries(session, {i.product_id for i in items})
            views = tuple(CollectionItemView(i.id, found[i.product_id], i.persona, i.status,
                                             i.note) for i in items if i.product_id in found)
            counts = {s: sum(v.status == s for v in views) for s in STATUSES}
            return CollectionView(row.id, row.name, self._style(row), dict(row.personas or {}),
                                  views, counts)

    # -- adding products --------------------------------------------------------------------------

    def add_products(self, name: str, products: list[str] | list[int],
                     personas: list[str] = ()) -> int:
        """Products (external ids, or store ids) for every shopper (no personas) or once per
        persona given; already present entries are kept as they are. How many were new."""
        persona_views = [PersonaService(self.store).persona(p) for p in personas]
        with self.store.write() as session:
            row = self._row(session, name)
            if self._style(row).style == PERSONA_STYLE and not persona_views:
                raise StyleRecError(f"{row.name!r} restyles in each persona's style: say which "
                                    "personas to add the products for (or choose a style).")
            ids = []
            for p in products:
                pid = p if isinstance(p, int) else profiles_repo.product_id_for(session, p)
                if pid is None:
                    raise StyleRecError(f"No product with id {p!r} in this store.")
                ids.append(pid)
            snapshot = dict(row.personas or {})
            for view in persona_views:
                snapshot.setdefault(view.name, list(view.style_blend))
            row.personas = snapshot
            targets = [v.name for v in persona_views] or [""]
            return personas_repo.add_items(session, row.id,
                                           [(pid, who) for pid in ids for who in targets])

    def add_search(self, name: str, flt: CatalogFilter, personas: list[str] = ()) -> int:
        """The products a catalog search or filter finds (up to flt.limit, 200 by default),
        those with a usable photo."""
        limit = flt.limit or 200
        with self.store.read() as session:
            found = catalog_repo.list_products(session, CatalogFilter(
                flt.text, flt.category, flt.colour, flt.min_price, flt.max_price, 3 * limit))
        ids = [p.id for p in found if p.image_status == "ok"][:limit]
        return self.add_products(name, ids, personas)

    def add_persona_top(self, name: str, persona: str, recommender, n: int = 24,
                        model: str = "hybrid") -> int:
        """A persona's top-n recommendations, for that persona."""
        from stylerec_app.services.recommendation.service import Query

        picks = recommender.recommend_persona(persona, Query("", n, model))
        return self.add_products(name, [r.product.id for r in picks], [persona])

    def remove(self, name: str, item_ids: list[int]) -> None:
        with self.store.write() as session:
            row = self._row(session, name)
            for item in personas_repo.collection_items(session, row.id):
                if item.id in item_ids:
                    session.delete(item)

    # -- review -----------------------------------------------------------------------------------

    def review(self, name: str, item_ids: list[int], status: str, note: str | None = None
               ) -> None:
        if status not in STATUSES:
            raise StyleRecError(f"The status must be one of {', '.join(STATUSES)}.")
        with self.store.write() as session:
            row = self._row(session, name)
            items = {i.id: i for i in personas_repo.collection_items(session, row.id)}
            missing = [i for i in item_ids if i not in items]
            if missing:
                raise StyleRecError(f"No item {missing[0]} in {row.name!r}.")
            for item_id in item_ids:
                item = items[item_id]
                item.status = status
                if note is not None:
                    item.note = note
                item.reviewed_at = orm.utcnow()
            personas_repo.touch_collection(session, row.id)

    def find_items(self, name: str, product: str, persona: str | None = None) -> list[int]:
        """Item ids of a product (by its external id), optionally for one persona."""
        return [i.id for i in self.collection(name).items if i.product.external_id == product
                and (persona is None or i.persona.lower() == persona.lower())]

    # -- export -----------------------------------------------------------------------------------

    def export(self, name: str, folder: Path, stylizer, *, progress: ProgressSink =
               ignore_progress, cancel: CancelToken | None = None, fmt: str = "png"
               ) -> ExportReport:
        """The approved images, the originals beside them, manifest.csv and manifest.json,
        into `folder` (new or empty). Built in a hidden folder next to it and renamed at
        the end: a cancelled or failed export leaves nothing behind."""
        cancel = cancel or CancelToken()
        folder = Path(folder)
        check_empty(folder, "export")
        collection = self.collection(name)
        approved = [i for i in collection.items if i.status == "approved"]
        if not approved:
            raise StyleRecError(f"{collection.name!r} has no approved images to export: "
                                "approve some first.")
        styles = StyleService(self.store)
        choices = styles.sync(stylizer)
        report, rows, originals = ExportReport(folder), [], {}
        with building(folder, "export") as work:
            (work / "restyled").mkdir()
            (work / "originals").mkdir()
            progress(Progress(0, len(approved), "collection-export"))
            for n, item in enumerate(approved, 1):
                cancel.raise_if_cancelled()
                product = item.product
                try:
                    spec = spec_for_item(collection, item.persona, choices)
                    image = stylizer.render(styles.product_photo(product.external_id), spec)
                except StyleRecError as exc:
                    report.skipped.append((product.external_id, item.persona, str(exc)))
                    continue
                stem = _slug(product.external_id) + (f"__{_slug(item.persona)}"
                                                     if item.persona else "")
                restyled = save_image_atomically(image, work / "restyled" / f"{stem}.{fmt}")
                if product.id not in originals:
                    source = Path(product.image_path)
                    copy = work / "originals" / f"{_slug(product.external_id)}{source.suffix}"
                    shutil.copyfile(source, copy)
                    originals[product.id] = (copy.relative_to(work).as_posix(), _sha256(copy))
                style = collection.style
                rows.append({
                    "product_id": product.external_id, "group": product.group_id or "",
                    "persona": item.persona, "style": style.for_persona(item.persona),
                    "strength": style.strength, "mask": style.mask,
                    "file": restyled.relative_to(work).as_posix(), "checksum": _sha256(restyled),
                    "original": originals[product.id][0],
                    "original_checksum": originals[product.id][1], "note": item.note})
                progress(Progress(n, len(approved), "collection-export"))
            cancel.raise_if_cancelled()
            with open(work / "manifest.csv", "w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, MANIFEST_FIELDS)
                writer.writeheader()
                writer.writerows(rows)
            (work / "manifest.json").write_text(json.dumps({
                "collection": collection.name, "checksum": "sha256",
                "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "style": asdict(collection.style), "items": rows}, ensure_ascii=False,
                indent=1), encoding="utf-8")
        report.files = len(rows)
        report.manifest_csv, report.manifest_json = folder / "manifest.csv", folder / "manifest.json"
        return report
