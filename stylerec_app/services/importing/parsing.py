"""Field parsers for imported rows: each raises RowError with a reason a person can act on."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from stylerec_app.domain.catalog import InteractionKind


class RowError(ValueError):
    """The row cannot be imported; the message becomes the report's reason."""


_CURRENCY = re.compile(r"[\s¥$€£￥,]|RMB|CNY|USD|EUR|元", re.IGNORECASE)

_KIND_SYNONYMS = {
    "view": InteractionKind.VIEW, "views": InteractionKind.VIEW, "pageview": InteractionKind.VIEW,
    "impression": InteractionKind.VIEW, "浏览": InteractionKind.VIEW,
    "click": InteractionKind.CLICK, "clicks": InteractionKind.CLICK, "点击": InteractionKind.CLICK,
    "cart": InteractionKind.CART, "add_to_cart": InteractionKind.CART,
    "addtocart": InteractionKind.CART, "basket": InteractionKind.CART,
    "加购": InteractionKind.CART, "加入购物车": InteractionKind.CART,
    "purchase": InteractionKind.PURCHASE, "buy": InteractionKind.PURCHASE,
    "order": InteractionKind.PURCHASE, "transaction": InteractionKind.PURCHASE,
    "购买": InteractionKind.PURCHASE, "下单": InteractionKind.PURCHASE,
    "rating": InteractionKind.RATING, "rate": InteractionKind.RATING,
    "评分": InteractionKind.RATING,
}


def require(value: str | None, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RowError(f"missing {what}")
    return value


def parse_price(raw: str | None, *, required: bool = False) -> float | None:
    """'12.50', '¥1,299', '$ 3' → float; empty → None unless required."""
    text = (raw or "").strip()
    if not text:
        if required:
            raise RowError("missing price")
        return None
    try:
        value = float(_CURRENCY.sub("", text))
    except ValueError:
        raise RowError(f"unparsable price {text!r}") from None
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise RowError(f"invalid price {text!r}")
    return value


def parse_float(raw: str | None, what: str) -> float | None:
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise RowError(f"unparsable {what} {text!r}") from None


def parse_timestamp(raw: str | None) -> datetime:
    """ISO 8601 date/datetime (offsets converted to UTC), '2020/09/22', or Unix seconds/ms."""
    text = (raw or "").strip()
    if not text:
        raise RowError("missing timestamp")
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        seconds = float(text)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000.0
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    candidate = text.replace("/", "-").replace("Z", "+00:00")
    try:
        stamp = datetime.fromisoformat(candidate)
    except ValueError:
        raise RowError(f"unparsable date {text!r}") from None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    return stamp


def parse_kind(raw: str | None, default: InteractionKind | None = None) -> InteractionKind:
    text = (raw or "").strip().lower().replace("-", "_").replace(" ", "_")
    if not text:
        if default is None:
            raise RowError("missing event kind")
        return default
    kind = _KIND_SYNONYMS.get(text)
    if kind is None:
        raise RowError(
            f"unknown event kind {raw!r} (expected view, click, cart, purchase or rating)"
        )
    return kind


def content_hash(fields: dict) -> str:
    """Stable hash of the imported fields: equal hashes mean the row is unchanged."""
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class EventKeys:
    """Deterministic keys for events, which carry no id of their own.

    Identical events in one file (the same shopper buying two of an item on a day)
    are told apart by their occurrence number, so re-imports never duplicate them.
    """

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def key(self, *parts: object) -> str:
        base = "|".join(str(p) for p in parts)
        n = self._seen.get(base, 0)
        self._seen[base] = n + 1
        return hashlib.sha256(f"{base}|#{n}".encode()).hexdigest()[:40]
