"""The headless CLI as a user runs it: subprocesses, exit codes, readable output."""

import subprocess
import sys

from tests.helpers import REPO, make_hm_folder, write_csv


def run(*args, timeout=120):
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


def run_here(*args):
    """The same command in this process (no interpreter and torch start-up per call), for
    tests that run many commands in a row; the result reads like run()'s."""
    import contextlib
    import io

    from stylerec_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_import_prints_the_report_and_a_second_run_finds_nothing_new(tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=10, transactions=30)
    with open(folder / "transactions_train.csv", "a", encoding="utf-8") as fh:
        fh.write("2020-09-01,nobody,0000000000,0.01,1\n")
    db = tmp_path / "s.sqlite"
    first = run("import", "hm", str(folder), "--db", str(db), "--report", str(tmp_path / "r.csv"))
    assert first.returncode == 1, first.stderr  # the good rows landed; one was rejected
    assert "products      new      10" in first.stdout
    assert "transactions_train.csv:32: unknown product '0000000000'" in first.stdout
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").count("\n") == 2
    second = run("import", "hm", str(folder), "--db", str(db), "-q")
    assert "events        new       0" in second.stdout
    assert second.returncode == 1  # the same row is still rejected
    info = run("info", "--db", str(db))
    assert "Products: 10" in info.stdout and "Events: 30" in info.stdout
    assert info.stdout.count("completed") == 2


def test_generic_import_with_a_column_map(tmp_path):
    write_csv(tmp_path / "p.csv", ["code", "Name", "price"], [["A", "Mug", "3.5"]])
    db = tmp_path / "s.sqlite"
    result = run("import", "generic", "--products", str(tmp_path / "p.csv"), "--db", str(db),
                 "--map", "products.id=code", "--map", "products.title=Name")
    assert result.returncode == 0, result.stderr
    assert "products      new       1" in result.stdout


def test_errors_are_one_readable_line_not_a_traceback(tmp_path):
    result = run("import", "hm", str(tmp_path), "--db", str(tmp_path / "s.sqlite"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: articles.csv not found")
    assert "Traceback" not in result.stderr
    bad_map = run("import", "generic", "--products", "x.csv", "--db", str(tmp_path / "s.sqlite"),
                  "--map", "title")
    assert bad_map.returncode == 2 and "ENTITY.FIELD=COLUMN" in bad_map.stderr
    bad_encoding = run("import", "generic", "--products", "x.csv", "--encoding", "bogus",
                       "--db", str(tmp_path / "s.sqlite"))
    assert bad_encoding.returncode == 2 and "unknown text encoding 'bogus'" in bad_encoding.stderr
    assert "Traceback" not in bad_encoding.stderr
    missing = run("info", "--db", str(tmp_path / "absent.sqlite"))
    assert missing.returncode == 1 and "No store" in missing.stderr


def test_demo_command_builds_a_store(tmp_path):
    db = tmp_path / "d.sqlite"
    result = run("demo", "--db", str(db), "--seed", "1", "-q")
    assert result.returncode == 0, result.stderr
    assert "336 products, 300 shoppers" in result.stdout
    assert "(demo store, seed 1)" in run("info", "--db", str(db)).stdout


def test_profile_then_similar(tmp_path):
    from stylerec_app.services.importing import import_generic
    from stylerec_app.storage.database import open_store
    from tests.services.test_profiles import _shop

    db = tmp_path / "s.sqlite"
    store = open_store(db, create=True)
    import_generic(store, _shop(tmp_path / "shop"))
    store.close()
    first = run("profile", "--db", str(db), "--device", "cpu", timeout=300)
    assert first.returncode == 0, first.stderr
    assert "8 image and 8 text vectors computed" in first.stdout
    assert "3 profiles computed (1 without history get the default)" in first.stdout
    again = run_here("profile", "--db", str(db), "-q")
    assert "0 image and 0 text vectors computed, 8 up to date" in again.stdout
    similar = run_here("similar", "--db", str(db), "--product", "P0", "-k", "3")
    assert similar.returncode == 0, similar.stderr
    lines = similar.stdout.splitlines()
    assert lines[0] == "Products that look like P0:" and "P4" in lines[1]
    unknown = run_here("similar", "--db", str(db), "--product", "nope")
    assert unknown.returncode == 1 and "No product with id 'nope'" in unknown.stderr
