from datetime import datetime

import pytest

from stylerec_app.domain.catalog import InteractionKind
from stylerec_app.services.importing.parsing import (
    RowError,
    content_hash,
    parse_kind,
    parse_price,
    parse_timestamp,
)


@pytest.mark.parametrize("raw,expected", [
    ("12.50", 12.5), ("¥1,299", 1299.0), ("$ 3", 3.0), ("0.0209152542372881", 0.0209152542372881),
    ("", None), ("  ", None), ("99元", 99.0),
])
def test_price_parses_common_formats(raw, expected):
    assert parse_price(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "12.3.4", "-5", "nan", "inf"])
def test_bad_prices_are_rejected_with_the_value_in_the_reason(raw):
    with pytest.raises(RowError, match="price"):
        parse_price(raw)


def test_required_price_must_be_present():
    with pytest.raises(RowError, match="missing price"):
        parse_price("", required=True)


@pytest.mark.parametrize("raw,expected", [
    ("2020-09-22", datetime(2020, 9, 22)),
    ("2020/09/22", datetime(2020, 9, 22)),
    ("2020-09-22T10:11:12", datetime(2020, 9, 22, 10, 11, 12)),
    ("2020-09-22 10:11:12+02:00", datetime(2020, 9, 22, 8, 11, 12)),
    ("2020-09-22T10:11:12Z", datetime(2020, 9, 22, 10, 11, 12)),
    ("881250949", datetime(1997, 12, 4, 15, 55, 49)),
    ("881250949000", datetime(1997, 12, 4, 15, 55, 49)),
])
def test_timestamps_iso_slash_and_unix(raw, expected):
    assert parse_timestamp(raw) == expected


@pytest.mark.parametrize("raw", ["2020-13-45", "yesterday", "22.09.2020"])
def test_unparsable_dates_are_rejected(raw):
    with pytest.raises(RowError, match="unparsable date"):
        parse_timestamp(raw)


def test_event_kinds_accept_synonyms_and_chinese():
    assert parse_kind("Add-to-Cart") == InteractionKind.CART
    assert parse_kind("购买") == InteractionKind.PURCHASE
    assert parse_kind("", default=InteractionKind.VIEW) == InteractionKind.VIEW
    with pytest.raises(RowError, match="unknown event kind"):
        parse_kind("wishlist")


def test_content_hash_ignores_key_order_but_not_values():
    assert content_hash({"a": 1, "b": "x"}) == content_hash({"b": "x", "a": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})
