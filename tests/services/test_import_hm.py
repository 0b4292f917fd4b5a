import csv

import pytest
from sqlalchemy import func, select

from stylerec_app.domain.errors import Cancelled, ImportFormatError
from stylerec_app.domain.progress import CancelToken
from stylerec_app.services.importing import import_hm
from stylerec_app.storage import import_writer, orm
from tests.helpers import append_lines, make_hm_folder


def counts(store):
    with store.read() as s:
        return import_writer.table_counts(s)


def test_import_lands_every_row_and_reimport_changes_nothing(store, tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=40, customers=10, transactions=250)
    first = import_hm(store, folder, batch_size=64)
    assert first.status == "completed"
    assert (first.counts["products"].new, first.counts["shoppers"].new,
            first.counts["events"].new) == (40, 10, 250)
    assert counts(store) == {"products": 40, "shoppers": 10, "interactions": 250, "reviews": 0}
    with store.read() as s:
        statuses = set(s.scalars(select(orm.Product.image_status)))
        priced = s.scalar(select(func.count()).where(orm.Product.price.is_not(None)))
    assert statuses == {"ok"}
    assert priced > 0  # H&M has no article prices: the mean price paid is shown

    second = import_hm(store, folder, batch_size=64)
    assert second.total_new == 0
    assert second.counts["products"].unchanged == 40
    assert second.counts["events"].unchanged == 250
    assert counts(store)["interactions"] == 250


def test_changed_rows_are_updated_not_duplicated(store, tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=8, transactions=20)
    import_hm(store, folder)
    path = folder / "articles.csv"
    text = path.read_text(encoding="utf-8").replace("Black Trousers 0", "Black Trousers Renamed")
    path.write_text(text, encoding="utf-8")
    report = import_hm(store, folder)
    assert report.counts["products"].updated == 1
    assert report.counts["products"].new == 0
    with store.read() as s:
        assert s.scalar(select(orm.Product.title).where(orm.Product.title.like("%Renamed"))) \
            == "Black Trousers Renamed"


def test_bad_rows_are_reported_with_file_line_reason_and_good_rows_land(store, tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=20, customers=5, transactions=60)
    first_article = (folder / "articles.csv").read_text().splitlines()[1]
    a_line = append_lines(folder / "articles.csv", [
        ",0100000,No id,Dress,Red,Ladieswear,x",          # missing id
        "ABC,0100000,Letters,Dress,Red,Ladieswear,x",     # invalid id
        first_article,                                     # duplicate id
        "0999999999,0999999,Too,few",                      # wrong column count
    ])
    customer = (folder / "customers.csv").read_text().splitlines()[1].split(",")[0]
    article = first_article.split(",")[0]
    t_line = append_lines(folder / "transactions_train.csv", [
        f"2020-13-40,{customer},{article},0.01,1",          # bad date
        f"2020-09-01,{customer},{article},cheap,1",         # bad price
        f"2020-09-01,{customer},0123456789,0.01,1",         # unknown product
        f"2020-09-01,,{article},0.01,1",                    # missing customer
    ])
    # One corrupt photo, one missing photo: flagged, the products still import.
    photos = sorted((folder / "images").rglob("*.jpg"))
    photos[1].write_bytes(photos[1].read_bytes()[:200])
    photos[2].unlink()

    report = import_hm(store, folder)
    errors = {(i.file, i.line): i.reason for i in report.errors}
    assert errors[("articles.csv", a_line)] == "missing article_id"
    assert "invalid article_id 'ABC'" in errors[("articles.csv", a_line + 1)]
    assert "duplicate id" in errors[("articles.csv", a_line + 2)]
    assert "first on line 2" in errors[("articles.csv", a_line + 2)]
    assert "expected 7 columns" in errors[("articles.csv", a_line + 3)]
    assert "unparsable date '2020-13-40'" in errors[("transactions_train.csv", t_line)]
    assert "unparsable price 'cheap'" in errors[("transactions_train.csv", t_line + 1)]
    assert "unknown product '0123456789'" in errors[("transactions_train.csv", t_line + 2)]
    assert errors[("transactions_train.csv", t_line + 3)] == "missing customer_id"
    warnings = sorted(i.reason.split(":")[0] for i in report.warnings)
    assert warnings == ["corrupt photo", "photo not found"]

    assert report.counts["products"].new == 20 and report.counts["products"].rejected == 4
    assert report.counts["events"].new == 60 and report.counts["events"].rejected == 4
    with store.read() as s:
        flagged = dict(s.execute(select(orm.Product.image_status, func.count())
                                 .group_by(orm.Product.image_status)).all())
        saved = s.scalar(select(func.count()).select_from(orm.ImportIssue)
                         .where(orm.ImportIssue.run_id == report.run_id))
        run = s.get(orm.ImportRun, report.run_id)
    assert flagged == {"ok": 18, "corrupt": 1, "missing": 1}
    assert saved == len(report.issues) == 10
    assert run.status == "completed" and run.counts["events"]["rejected"] == 4

    out = tmp_path / "report.csv"
    report.write_csv(out)
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 10 and {"severity", "file", "line", "reason"} <= set(rows[0])


def test_cancel_keeps_whole_batches_and_a_rerun_resumes(store, tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=50, transactions=400)
    token = CancelToken()
    seen = []

    def progress(p):
        seen.append(p)
        if p.message == "events" and p.done >= 50 + 15 + 100:
            token.cancel()

    with pytest.raises(Cancelled) as caught:
        import_hm(store, folder, progress=progress, cancel=token, batch_size=50)
    assert caught.value.report.status == "cancelled"
    partial = counts(store)
    assert partial["products"] == 50 and partial["interactions"] % 50 == 0
    assert 0 < partial["interactions"] < 400
    with store.read() as s:
        assert s.get(orm.ImportRun, caught.value.report.run_id).status == "cancelled"

    resumed = import_hm(store, folder, batch_size=50)
    assert counts(store)["interactions"] == 400
    assert resumed.counts["events"].new == 400 - partial["interactions"]
    assert seen[-1].done <= seen[-1].total


def test_folder_without_articles_is_a_clear_error(store, tmp_path):
    with pytest.raises(ImportFormatError, match="articles.csv not found"):
        import_hm(store, tmp_path)


@pytest.mark.shared_data
def test_the_real_hm_sample_imports_completely_and_idempotently(store, shared_hm):
    report = import_hm(store, shared_hm)
    assert report.status == "completed"
    assert report.counts["products"].new == 17033
    assert report.counts["shoppers"].new == 878
    assert report.counts["events"].new == 20657
    assert report.errors == []
    assert counts(store) == {"products": 17033, "shoppers": 878, "interactions": 20657,
                             "reviews": 0}
    again = import_hm(store, shared_hm)
    assert again.total_new == 0 and again.counts["events"].unchanged == 20657


def _subset_of_real_sample(src, dst, articles: int = 300):
    """A copy of the first `articles` real articles, their photos and their purchases."""
    import shutil

    dst.mkdir()
    lines = (src / "articles.csv").read_text(encoding="utf-8").splitlines()
    kept = lines[1 : articles + 1]
    (dst / "articles.csv").write_text("\n".join([lines[0], *kept]) + "\n", encoding="utf-8")
    ids = {line.split(",")[0] for line in kept}
    for aid in ids:
        photo = src / "images" / aid[:3] / f"{aid}.jpg"
        if photo.exists():
            (dst / "images" / aid[:3]).mkdir(parents=True, exist_ok=True)
            shutil.copy(photo, dst / "images" / aid[:3] / photo.name)
    shutil.copy(src / "customers.csv", dst / "customers.csv")
    tx = (src / "transactions_train.csv").read_text(encoding="utf-8").splitlines()
    kept_tx = [t for t in tx[1:] if t.split(",")[2] in ids]
    (dst / "transactions_train.csv").write_text("\n".join([tx[0], *kept_tx]) + "\n",
                                                encoding="utf-8")
    return dst, kept, kept_tx


@pytest.mark.shared_data
def test_real_sample_copy_with_injected_bad_rows_and_corrupt_photo(store, shared_hm, tmp_path):
    folder, articles, transactions = _subset_of_real_sample(shared_hm, tmp_path / "hm")
    width = articles[0].count(",") + 1
    a_line = append_lines(folder / "articles.csv", [
        "," * (width - 1),                              # blank row: skipped silently
        "," + "," * (width - 2) + "x",                   # missing article_id
        articles[5],                                     # duplicate
    ])
    t_line = append_lines(folder / "transactions_train.csv", [
        transactions[0].replace(transactions[0].split(",")[0], "2020-02-30"),
        transactions[0].replace(transactions[0].split(",")[3], "n/a"),
        transactions[0].replace(transactions[0].split(",")[2], "0000000001"),
    ])
    photo = sorted((folder / "images").rglob("*.jpg"))[0]
    photo.write_bytes(b"\xff\xd8\xff\xe0 definitely not a jpeg")

    report = import_hm(store, folder)
    errors = {(i.file, i.line): i.reason for i in report.errors}
    assert errors[("articles.csv", a_line + 1)] == "missing article_id"
    assert "duplicate id" in errors[("articles.csv", a_line + 2)]
    assert "unparsable date" in errors[("transactions_train.csv", t_line)]
    assert "unparsable price 'n/a'" in errors[("transactions_train.csv", t_line + 1)]
    assert "unknown product" in errors[("transactions_train.csv", t_line + 2)]
    assert [i.reason.split(":")[0] for i in report.warnings] == ["corrupt photo"]
    assert report.counts["products"].new == len(articles)
    assert report.counts["events"].new == len(transactions)
    with store.read() as s:
        status = s.scalar(select(orm.Product.image_status)
                          .where(orm.Product.external_id == photo.stem))
    assert status == "corrupt"
