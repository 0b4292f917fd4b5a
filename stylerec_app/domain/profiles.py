"""Profiles as the UI and CLI see them (frozen, ORM-free)."""

from __future__ import annotations

from dataclasses import dataclass, field

from stylerec_app.domain.catalog import ProductSummary


@dataclass(frozen=True)
class PaletteColour:
    name: str
    rgb: tuple[int, int, int]
    share: float


@dataclass(frozen=True)
class ProductProfileView:
    product_id: int
    status: str  # "ok", "no_image", "bad_image"
    palette: tuple[PaletteColour, ...]
    style_weights: tuple[float, ...]
    note: str = ""


@dataclass(frozen=True)
class ShopperSummary:
    id: int
    external_id: str
    events: int
    profiled: bool


@dataclass(frozen=True)
class HistoryItem:
    product: ProductSummary
    kind: str
    when: str


@dataclass(frozen=True)
class ShopperProfileView:
    shopper: ShopperSummary
    is_default: bool
    events_used: int
    categories: tuple[tuple[str, float], ...]
    colours: tuple[PaletteColour, ...]
    price_band: dict
    style_blend: tuple[float, ...]
    history: tuple[HistoryItem, ...] = ()
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ScoredProduct:
    product: ProductSummary
    score: float


@dataclass
class ProfileReport:
    """What a profiling run did; `flagged` lists products whose photo could not be used."""

    device: str = ""
    device_notice: str = ""
    images_computed: int = 0
    texts_computed: int = 0
    products_skipped: int = 0
    shoppers_computed: int = 0
    shoppers_skipped: int = 0
    default_shoppers: int = 0
    flagged: list[tuple[str, str]] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        lines = [f"Device: {self.device or 'not needed (everything was up to date)'}"]
        if self.device_notice:
            lines.append(f"Note: {self.device_notice}")
        lines += [
            f"Products: {self.images_computed} image and {self.texts_computed} text vectors "
            f"computed, {self.products_skipped} up to date",
            f"Shoppers: {self.shoppers_computed} profiles computed "
            f"({self.default_shoppers} without history get the default), "
            f"{self.shoppers_skipped} up to date",
        ]
        if self.flagged:
            lines.append(f"{len(self.flagged)} product photo(s) could not be used:")
            lines += [f"  {ext}: {why}" for ext, why in self.flagged[:20]]
        return lines


@dataclass(frozen=True)
class PersonaView:
    """A style persona: a group of shoppers with a representative style blend."""

    id: int
    name: str
    size: int
    style_blend: tuple[float, ...]
    categories: tuple[tuple[str, float], ...]
    styles: tuple[int, ...]  # the dominant built-in styles its name is made of
    renamed: bool  # the user named it (shown as is, not worded from styles and categories)
    silhouette: float


@dataclass
class PersonaReport:
    personas: int = 0
    shoppers: int = 0  # clustered (profiled from their own history)
    k: int = 0
    silhouettes: dict = field(default_factory=dict)  # k → silhouette of the tried k
