import json

import pytest
from sqlalchemy import select

from stylerec_app.domain.errors import ImportFormatError
from stylerec_app.services.importing import GenericSource, import_generic
from stylerec_app.storage import orm
from tests.helpers import tiny_photo, write_csv


def _catalog(tmp_path, encoding="utf-8"):
    images = tmp_path / "images"
    tiny_photo(images / "A1.jpg", (200, 0, 0))
    tiny_photo(images / "sub" / "custom.png", (0, 0, 200))
    write_csv(tmp_path / "products.csv", ["sku", "标题", "价格", "颜色", "类别", "图片", "季节"], [
        ["A1", "红色连衣裙", "￥199.00", "红色", "连衣裙", "", "夏"],
        ["B2", "蓝色马克杯", "39", "蓝色", "家居", "sub/custom.png", ""],
        ["C3", "无图商品", "", "", "", "", ""],
    ], encoding=encoding)
    write_csv(tmp_path / "events.csv", ["用户", "商品编号", "行为", "评分", "时间"], [
        ["u1", "A1", "浏览", "", "2024-05-01 10:00:00"],
        ["u1", "A1", "购买", "199", "2024-05-01 10:05:00"],
        ["u2", "B2", "add_to_cart", "", "1714557600"],
        ["u2", "B2", "rating", "4", "2024-05-02"],
        ["u2", "ZZ", "view", "", "2024-05-02"],
        ["u3", "B2", "wishlist", "", "2024-05-02"],
        ["u3", "B2", "rating", "", "2024-05-02"],
    ], encoding=encoding)
    write_csv(tmp_path / "reviews.csv", ["商品编号", "用户", "评分", "评价", "日期"], [
        ["A1", "u1", "5", "很喜欢这个颜色", "2024-05-03"],
        ["B2", "", "3", "一般", ""],
    ], encoding=encoding)
    return GenericSource(products=tmp_path / "products.csv", images=images,
                         events=tmp_path / "events.csv", reviews=tmp_path / "reviews.csv")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_chinese_catalog_imports_in_any_common_encoding(store, tmp_path, encoding):
    report = import_generic(store, _catalog(tmp_path, encoding))
    assert report.counts["products"].new == 3
    assert report.counts["events"].new == 4
    assert report.counts["reviews"].new == 2
    assert report.counts["shoppers"].new == 2  # created from events and reviews
    reasons = sorted((i.file, i.line, i.reason) for i in report.errors)
    assert reasons == [
        ("events.csv", 6, "unknown product 'ZZ'"),
        ("events.csv", 7, "unknown event kind 'wishlist' (expected view, click, cart, "
                          "purchase or rating)"),
        ("events.csv", 8, "rating event without a value"),
    ]
    with store.read() as s:
        a1 = s.scalar(select(orm.Product).where(orm.Product.external_id == "A1"))
        b2 = s.scalar(select(orm.Product).where(orm.Product.external_id == "B2"))
        c3 = s.scalar(select(orm.Product).where(orm.Product.external_id == "C3"))
        kinds = sorted(s.scalars(select(orm.Interaction.kind)))
        review = s.scalar(select(orm.Review.text).where(orm.Review.rating == 5))
    assert (a1.title, a1.price, a1.colour, a1.category) == ("红色连衣裙", 199.0, "红色", "连衣裙")
    assert a1.attributes == {"季节": "夏"}
    assert a1.image_status == "ok" and a1.image_path.endswith("A1.jpg")
    assert b2.image_status == "ok" and b2.image_path.endswith("custom.png")
    assert c3.image_status == "none" and c3.price is None
    assert kinds == ["cart", "purchase", "rating", "view"]
    assert review == "很喜欢这个颜色"
    assert import_generic(store, _catalog(tmp_path, encoding)).total_new == 0


def test_jsonl_products_with_nested_attributes_and_column_mapping(store, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"code": "X1", "Name": "Linen shirt", "price": 45.5, "attributes": {"fit": "slim"}},
        {"code": "X2", "Name": "Wool scarf", "price": "12", "care": "hand wash"},
    ]) + "\n{broken\n", encoding="utf-8")
    report = import_generic(store, GenericSource(products=path, mapping={
        "products.id": "code", "products.title": "Name"}))
    assert report.counts["products"].new == 2
    assert [(i.line, i.reason.split(" (")[0]) for i in report.errors] == [(3, "invalid JSON")]
    with store.read() as s:
        rows = {p.external_id: p for p in s.scalars(select(orm.Product))}
    assert rows["X1"].title == "Linen shirt" and rows["X1"].attributes == {"fit": "slim"}
    assert rows["X2"].price == 12.0 and rows["X2"].attributes == {"care": "hand wash"}


def test_products_file_without_an_id_column_names_the_accepted_columns(store, tmp_path):
    write_csv(tmp_path / "p.csv", ["name", "price"], [["Mug", "3"]])
    with pytest.raises(ImportFormatError, match="no column for id.*sku"):
        import_generic(store, GenericSource(products=tmp_path / "p.csv"))


def test_a_file_that_is_no_image_at_all_is_flagged_in_words_a_merchandiser_reads(store,
                                                                                  tmp_path):
    tiny_photo(tmp_path / "good.jpg", (200, 30, 30))
    (tmp_path / "notes.jpg").write_bytes(b"shopping list: socks, more socks\n" * 20)
    write_csv(tmp_path / "products.csv", ["product_id", "title", "image"],
              [["P1", "Shirt", "good.jpg"], ["P2", "Scarf", "notes.jpg"]])
    report = import_generic(store, GenericSource(products=tmp_path / "products.csv"))
    assert report.counts["products"].new == 2
    [warning] = report.warnings
    assert warning.line == 3 and warning.code == "image.not_image"
    assert warning.reason == f"corrupt photo: {tmp_path / 'notes.jpg'} (not an image file)"
    with store.read() as session:
        status = dict(session.execute(select(orm.Product.external_id,
                                             orm.Product.image_status)).all())
    assert status == {"P1": "ok", "P2": "corrupt"}
