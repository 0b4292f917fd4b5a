"""A synthetic retail catalog in the generic import layout, at three sizes.

    python -m tests.benchmarks.synthetic S|M|L FOLDER

S: 20k products, 5k shoppers, 200k events; M: 200k / 50k / 2M; L: 1M / 200k / 10M.
No photos. Zipf-like popularity, 70/20/10 views/carts/purchases, two years of events in
time order, products in families of colour variants (item_group_id), a stock flag, prices,
titles and descriptions made of ordinary words so search has something to find.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

SIZES = {"S": (20_000, 5_000, 200_000), "M": (200_000, 50_000, 2_000_000),
         "L": (1_000_000, 200_000, 10_000_000)}
CATEGORIES = ["Trousers", "Dress", "Sweater", "T-shirt", "Jacket", "Shirt", "Skirt", "Shorts",
              "Coat", "Blouse", "Jeans", "Hoodie", "Cardigan", "Top", "Leggings", "Socks",
              "Sneakers", "Boots", "Sandals", "Bag", "Scarf", "Hat", "Belt", "Gloves",
              "Swimsuit", "Pyjamas", "Bra", "Vest", "Blazer", "Jumpsuit"]
COLOURS = ["Black", "White", "Grey", "Navy", "Blue", "Red", "Green", "Beige", "Brown", "Pink",
           "Yellow", "Orange", "Purple", "Teal"]
WORDS = ["striped", "linen", "cotton", "slim", "relaxed", "wool", "soft", "classic", "summer",
         "winter", "denim", "knitted", "floral", "pleated", "cropped", "oversized", "organic",
         "ribbed", "quilted", "silk", "cashmere", "jersey", "corduroy", "velvet", "printed"]


def write(size: str, folder: Path, seed: int = 0) -> dict[str, Path]:
    import pandas as pd

    n_products, n_shoppers, n_events = SIZES[size]
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = np.char.add("P", np.char.zfill(np.arange(n_products).astype(str), 7))
    family = np.arange(n_products) // 3  # three colour variants per product family
    category = rng.integers(0, len(CATEGORIES), n_products // 3 + 1)[family]
    colour = rng.integers(0, len(COLOURS), n_products)
    words = np.asarray(WORDS)[rng.integers(0, len(WORDS), (n_products, 2))]
    cats, cols = np.asarray(CATEGORIES)[category], np.asarray(COLOURS)[colour]
    title = [f"{a.capitalize()} {b} {c.lower()} {k.lower()}"
             for a, b, c, k in zip(words[:, 0], words[:, 1], cols, cats, strict=True)]
    products = pd.DataFrame({
        "sku": ids, "title": title,
        "description": [f"A {t.lower()} for every day." for t in title],
        "category": cats, "colour": cols,
        "price": np.round(rng.gamma(2.0, 15.0, n_products) + 2, 2),
        "in_stock": np.where(rng.random(n_products) < 0.9, "yes", "no"),
        "item_group_id": np.char.add("G", family.astype(str)),
    })
    shoppers = pd.DataFrame({
        "shopper_id": np.char.add("U", np.char.zfill(np.arange(n_shoppers).astype(str), 6)),
        "age": rng.integers(18, 75, n_shoppers),
        "club": np.where(rng.random(n_shoppers) < 0.3, "member", "guest"),
    })
    popularity = 1.0 / np.arange(1, n_products + 1) ** 0.9
    popularity = popularity[rng.permutation(n_products)]
    popularity /= popularity.sum()
    activity = rng.pareto(1.5, n_shoppers) + 1
    activity /= activity.sum()
    start = np.datetime64("2023-01-01T00:00:00", "s").astype(np.int64)
    seconds = np.sort(rng.integers(0, 2 * 365 * 86400, n_events)) + start
    kinds = np.asarray(["view", "cart", "purchase"])[
        rng.choice(3, n_events, p=[0.7, 0.2, 0.1])]
    product_of = rng.choice(n_products, n_events, p=popularity)
    events = pd.DataFrame({
        "user_id": shoppers["shopper_id"].to_numpy()[rng.choice(n_shoppers, n_events,
                                                                  p=activity)],
        "product_id": ids[product_of],
        "event": kinds,
        "value": np.where(kinds == "purchase",
                          products["price"].to_numpy()[product_of].astype(str), ""),
        "timestamp": pd.to_datetime(seconds, unit="s").strftime("%Y-%m-%dT%H:%M:%S"),
    })
    paths = {"products": folder / "products.csv", "shoppers": folder / "shoppers.csv",
             "events": folder / "events.csv"}
    products.to_csv(paths["products"], index=False)
    shoppers.to_csv(paths["shoppers"], index=False)
    events.to_csv(paths["events"], index=False)
    return paths


if __name__ == "__main__":
    size, target = sys.argv[1], Path(sys.argv[2])
    for name, path in write(size, target).items():
        print(f"{name}: {path} ({path.stat().st_size / 2**20:.1f} MB)")
