"""Generate the demo store: products, photos, shoppers with hidden tastes, their events.

The generator writes ordinary catalog files (products.csv, shoppers.csv, events.csv,
reviews.csv, images/) into a media folder beside the database and imports them with
the generic importer, so the demo exercises the same path as a merchant's files.
Each shopper's hidden taste (types, colours, pattern, price tier) is saved to
`tastes.json` there — ground truth for tests, never read by the app's models.
"""

from __future__ import annotations

import csv
import json
import math
import os
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from stylerec_app.domain.imports import ImportReport
from stylerec_app.domain.progress import CancelToken, Progress, ProgressSink, ignore_progress
from stylerec_app.services.demo.render import COLOURS, PATTERNS, PRODUCT_TYPES, render_product
from stylerec_app.services.importing.generic import GenericSource, import_generic
from stylerec_app.storage import catalog_repo
from stylerec_app.storage.database import Store

DEPARTMENTS = {
    "T-shirt": "Clothing", "Sweater": "Clothing", "Dress": "Clothing", "Trousers": "Clothing",
    "Skirt": "Clothing", "Sneaker": "Shoes", "Boot": "Shoes", "Tote bag": "Bags",
    "Backpack": "Bags", "Handbag": "Bags", "Mug": "Homeware", "Vase": "Homeware",
    "Cushion": "Homeware", "Lamp": "Homeware",
}
BASE_PRICE = {
    "T-shirt": 15, "Sweater": 40, "Dress": 55, "Trousers": 45, "Skirt": 35, "Sneaker": 70,
    "Boot": 110, "Tote bag": 25, "Backpack": 60, "Handbag": 90, "Mug": 9, "Vase": 30,
    "Cushion": 22, "Lamp": 65,
}
TIERS = {"budget": 0.6, "mid": 1.0, "premium": 1.9}
MATERIALS = {"Clothing": ("cotton", "linen", "wool", "viscose"), "Shoes": ("leather", "canvas"),
             "Bags": ("leather", "canvas", "nylon"), "Homeware": ("ceramic", "glass", "cotton")}
END_DATE = datetime(2026, 6, 30, 20, 0)
DAYS = 120
REVIEW_TEXT = {
    5: ("Love it — exactly my style.", "Beautiful colour, great quality.", "Perfect, buying another."),
    4: ("Very nice, fits well.", "Good quality for the price.", "Nice colour, happy with it."),
    3: ("It's okay.", "Colour a bit different from the photo.", "Average quality."),
    2: ("Not really my style.", "Looks cheaper than in the photo.", "Disappointed with the fit."),
    1: ("Returned it.", "Poor quality, fell apart.", "Not as described."),
}


@dataclass(frozen=True)
class Taste:
    types: tuple[str, ...]
    colours: tuple[str, ...]
    pattern: str
    tier: str


@dataclass
class DemoSummary:
    media_dir: Path
    products: int
    shoppers: int
    events: int
    tastes: dict[str, Taste]
    report: ImportReport


def media_dir_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "_media") / "demo"


def _make_products(rng: random.Random, count: int) -> list[dict]:
    products = []
    for i in range(count):
        ptype = PRODUCT_TYPES[i % len(PRODUCT_TYPES)]
        colour = rng.choice(list(COLOURS))
        pattern = rng.choice(PATTERNS)
        tier = rng.choice(list(TIERS))
        dept = DEPARTMENTS[ptype]
        price = round(BASE_PRICE[ptype] * TIERS[tier] * rng.uniform(0.85, 1.15), 2) - 0.01
        adjective = "" if pattern == "Solid" else pattern.lower() + " "
        material = rng.choice(MATERIALS[dept])
        products.append({
            "id": f"D{i:04d}", "title": f"{colour} {adjective}{ptype.lower()}",
            "description": f"A {tier} {material} {ptype.lower()} in {colour.lower()} with a "
                           f"{pattern.lower()} finish. Part of the {dept.lower()} range.",
            "category": ptype, "colour": colour, "price": f"{price:.2f}",
            "pattern": pattern, "department": dept, "material": material, "tier": tier,
            "in_stock": "yes" if rng.random() > 0.08 else "no",
            "image": f"{i:04d}.png", "_seed": rng.randrange(1 << 30),
        })
    for p in products:  # one style (type and pattern) in several colours: a product family
        p["item_group_id"] = f"G-{p['category']}-{p['pattern']}".replace(" ", "_")
    return products


def _make_taste(rng: random.Random) -> Taste:
    dept = rng.choice(sorted(set(DEPARTMENTS.values())))
    in_dept = [t for t, d in DEPARTMENTS.items() if d == dept]
    types = tuple(rng.sample(in_dept, k=min(2, len(in_dept))))
    colours = tuple(rng.sample(list(COLOURS), k=rng.choice((1, 2))))
    return Taste(types, colours, rng.choice(PATTERNS), rng.choice(list(TIERS)))


def _affinity(taste: Taste, product: dict) -> float:
    score = 2.2 * (product["category"] in taste.types)
    score += 1.0 * (DEPARTMENTS[product["category"]] == DEPARTMENTS[taste.types[0]])
    score += 1.8 * (product["colour"] in taste.colours)
    score += 1.0 * (product["pattern"] == taste.pattern)
    score += 0.8 * (product["tier"] == taste.tier)
    return score


def _events_for(rng: random.Random, shopper: str, taste: Taste, products: list[dict]):
    weights = [math.exp(_affinity(taste, p)) for p in products]
    sessions = rng.randint(4, 12)
    events, reviews = [], []
    for _ in range(sessions):
        start = END_DATE - timedelta(days=rng.uniform(0, DAYS))
        for step, product in enumerate(rng.choices(products, weights=weights, k=rng.randint(2, 6))):
            ts = start + timedelta(minutes=3 * step + rng.uniform(0, 2))
            match = _affinity(taste, product)
            events.append((shopper, product["id"], "view", "", ts, "online"))
            if rng.random() < 0.25 + 0.1 * match:
                events.append((shopper, product["id"], "click", "", ts + timedelta(seconds=20),
                               "online"))
            if rng.random() < 0.05 + 0.06 * match:
                events.append((shopper, product["id"], "cart", "", ts + timedelta(seconds=60),
                               "online"))
                if rng.random() < 0.7:
                    bought = ts + timedelta(minutes=5)
                    events.append((shopper, product["id"], "purchase", product["price"], bought,
                                   rng.choice(("online", "online", "store"))))
                    if rng.random() < 0.4:
                        stars = max(1, min(5, round(1.2 + 0.6 * match + rng.gauss(0, 0.6))))
                        rated = bought + timedelta(days=rng.uniform(2, 10))
                        events.append((shopper, product["id"], "rating", stars, rated, "online"))
                        reviews.append((product["id"], shopper, stars,
                                        rng.choice(REVIEW_TEXT[stars]), rated))
    return events, reviews


def _write_csv(path: Path, header: list[str], rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def _render_one(target: Path, item: dict) -> None:
    """Draw one photo and move it into place whole, so a stopped run never leaves half a
    PNG that the next run would take as done."""
    partial = target.with_name(f".{target.name}.partial")
    render_product(item["category"], item["colour"], item["pattern"],
                   item["_seed"]).save(partial, format="PNG", optimize=False)
    os.replace(partial, target)


def _render_photos(images: Path, items: list[dict], progress: ProgressSink,
                   cancel: CancelToken) -> None:
    """The photos not drawn yet, on every core: Pillow's drawing, blurring and PNG encoding
    release the GIL (336 photos: 7.1 s on one thread, half that on two)."""
    todo = [(images / item["image"], item) for item in items
            if not (images / item["image"]).exists()]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        futures = [pool.submit(_render_one, target, item) for target, item in todo]
        try:
            for done, future in enumerate(futures):
                if done % 16 == 0:
                    cancel.raise_if_cancelled()
                    progress(Progress(len(items) - len(todo) + done, len(items), "demo-images"))
                future.result()
        finally:
            for future in futures:
                future.cancel()


def create_demo_store(
    store: Store,
    *,
    seed: int = 7,
    products: int = 336,
    shoppers: int = 300,
    progress: ProgressSink = ignore_progress,
    cancel: CancelToken | None = None,
) -> DemoSummary:
    """Render and import a deterministic demo catalog (same seed → same store)."""
    cancel = cancel or CancelToken()
    rng = random.Random(seed)
    media = media_dir_for(store.path)
    images = media / "images"
    images.mkdir(parents=True, exist_ok=True)
    items = _make_products(rng, products)
    _render_photos(images, items, progress, cancel)
    progress(Progress(len(items), len(items), "demo-images"))
    tastes: dict[str, Taste] = {}
    shopper_rows, events, reviews = [], [], []
    for s in range(shoppers):
        sid = f"S{s:04d}"
        tastes[sid] = _make_taste(rng)
        shopper_rows.append((sid, rng.randint(18, 70), rng.choice(("member", "guest")),
                             rng.choice(("North", "South", "East", "West"))))
        ev, rv = _events_for(rng, sid, tastes[sid], items)
        events.extend(ev)
        reviews.extend(rv)
    columns = ["id", "title", "description", "category", "colour", "price", "pattern",
               "department", "material", "tier", "in_stock", "image", "item_group_id"]
    _write_csv(media / "products.csv", columns, ([p[c] for c in columns] for p in items))
    _write_csv(media / "shoppers.csv", ["id", "age", "membership", "region"], shopper_rows)
    _write_csv(media / "events.csv", ["shopper_id", "product_id", "kind", "value", "timestamp",
                                       "channel"],
               ((s, p, k, v, t.isoformat(timespec="seconds"), c)
                for s, p, k, v, t, c in sorted(events, key=lambda e: e[4])))
    _write_csv(media / "reviews.csv", ["product_id", "shopper_id", "rating", "text", "timestamp"],
               ((p, s, r, t, ts.isoformat(timespec="seconds")) for p, s, r, t, ts in reviews))
    (media / "tastes.json").write_text(
        json.dumps({k: asdict(v) for k, v in tastes.items()}, indent=1), encoding="utf-8")
    report = import_generic(
        store,
        GenericSource(products=media / "products.csv", images=images,
                      shoppers=media / "shoppers.csv", events=media / "events.csv",
                      reviews=media / "reviews.csv"),
        progress=progress, cancel=cancel,
    )
    with store.write() as session:
        catalog_repo.set_meta(session, "demo_seed", str(seed))
    return DemoSummary(media, len(items), shoppers, len(events), tastes, report)


def load_tastes(media: Path) -> dict[str, Taste]:
    raw = json.loads((media / "tastes.json").read_text(encoding="utf-8"))
    return {k: Taste(tuple(v["types"]), tuple(v["colours"]), v["pattern"], v["tier"])
            for k, v in raw.items()}
