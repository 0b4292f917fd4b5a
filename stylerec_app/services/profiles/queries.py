"""Reading profiles: shopper lists and cards, product palettes, visually similar products."""

from __future__ import annotations

import threading

from stylerec_app.domain.errors import StyleRecError
from stylerec_app.domain.profiles import (
    HistoryItem,
    PaletteColour,
    ProductProfileView,
    ScoredProduct,
    ShopperProfileView,
    ShopperSummary,
)
from stylerec_app.services.profiles.vector_index import VectorIndex
from stylerec_app.storage import profiles_repo, vector_files
from stylerec_app.storage.database import Store


def _colours(rows) -> tuple[PaletteColour, ...]:
    return tuple(PaletteColour(name, (int(r), int(g), int(b)), float(share))
                 for name, r, g, b, share in rows or [])


class ProfileService:
    """Read-only profile queries over one store; safe from worker threads."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._index: tuple[str, VectorIndex] | None = None

    def image_index(self) -> VectorIndex:
        with self.store.read() as session, self._lock:
            found = vector_files.load(session, self.store.path, "product", "image")
            if self._index is None or self._index[0] != found.key:
                self._index = (found.key, VectorIndex(found.ids, found.matrix, found.path))
            return self._index[1]

    def _scored(self, hits: list[tuple[int, float]]) -> list[ScoredProduct]:
        with self.store.read() as session:
            found = profiles_repo.summaries(session, [pid for pid, _ in hits])
        return [ScoredProduct(found[pid], score) for pid, score in hits if pid in found]

    def similar_to_product(self, product_id: int, k: int = 10) -> list[ScoredProduct]:
        with self.store.read() as session:
            vector = profiles_repo.load_vector(session, "product", product_id, "image")
        if vector is None:
            return []
        return self._scored(self.image_index().search(vector, k, exclude={product_id}))

    def similar_for_shopper(self, shopper_id: int, k: int = 12) -> list[ScoredProduct]:
        with self.store.read() as session:
            vector = profiles_repo.load_vector(session, "shopper", shopper_id, "image")
        if vector is None:
            return []
        return self._scored(self.image_index().search(vector, k))

    def product_profile(self, product_id: int) -> ProductProfileView | None:
        with self.store.read() as session:
            row = profiles_repo.product_profiles(session, [product_id]).get(product_id)
            if row is None:
                return None
            return ProductProfileView(product_id, row.status, _colours(row.palette),
                                      tuple(row.style_weights or ()), row.note)

    def shoppers(self, text: str = "", limit: int = 200, after: str | None = None
                 ) -> list[ShopperSummary]:
        """A page of shoppers by external id (after `after`), with their event counts."""
        with self.store.read() as session:
            return [ShopperSummary(sid, ext, int(n), bool(profiled)) for sid, ext, n, profiled
                    in profiles_repo.list_shoppers(session, text, limit, after)]

    def shopper_count(self, text: str = "") -> int:
        with self.store.read() as session:
            return profiles_repo.count_shoppers(session, text)

    def shopper_profile(self, shopper_id: int) -> ShopperProfileView | None:
        with self.store.read() as session:
            shopper, profile = profiles_repo.shopper_row(session, shopper_id)
            if shopper is None:
                return None
            history = tuple(HistoryItem(s, kind, when.strftime("%Y-%m-%d"))
                            for s, kind, when in profiles_repo.recent_history(session, shopper_id))
            summary = ShopperSummary(shopper.id, shopper.external_id,
                                     profile.events_used if profile else 0, profile is not None)
            if profile is None:
                return ShopperProfileView(summary, True, 0, (), (), {}, (), history,
                                          dict(shopper.attributes or {}))
            return ShopperProfileView(
                summary, profile.is_default, profile.events_used,
                tuple((c, float(w)) for c, w in profile.categories), _colours(profile.colours),
                dict(profile.price_band or {}), tuple(profile.style_blend or ()), history,
                dict(shopper.attributes or {}))

    def product_summary(self, external_id: str):
        pid = self.product_id(external_id)
        with self.store.read() as session:
            return profiles_repo.summaries(session, [pid])[pid]

    def product_id(self, external_id: str) -> int:
        with self.store.read() as session:
            found = profiles_repo.product_id_for(session, external_id)
        if found is None:
            raise StyleRecError(f"No product with id {external_id!r} in this store.")
        return found

    def shopper_id(self, external_id: str) -> int:
        with self.store.read() as session:
            found = profiles_repo.shopper_id_for(session, external_id)
        if found is None:
            raise StyleRecError(f"No shopper with id {external_id!r} in this store.")
        return found
