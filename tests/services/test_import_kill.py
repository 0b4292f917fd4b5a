"""A SIGKILL in the middle of an import leaves a consistent store that resumes to the same end."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from stylerec_app.storage import import_writer
from stylerec_app.storage.database import open_store
from tests.helpers import REPO, make_hm_folder


def _import_cmd(folder, db):
    return [sys.executable, "-m", "stylerec_app", "import", "hm", str(folder), "--db", str(db),
            "--batch-size", "100", "--quiet"]


def _counts(db):
    store = open_store(db, create=True)
    try:
        with store.read() as s:
            return import_writer.table_counts(s)
    finally:
        store.close()


def test_killed_import_leaves_consistent_store_and_resumes(tmp_path):
    folder = make_hm_folder(tmp_path / "hm", articles=600, customers=40, transactions=20000)
    killed_db = tmp_path / "killed.sqlite"
    proc = subprocess.Popen(_import_cmd(folder, killed_db), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    events = 0
    while time.time() < deadline and proc.poll() is None:
        if killed_db.exists():
            try:
                with sqlite3.connect(f"file:{killed_db}?mode=ro", uri=True, timeout=1) as conn:
                    events = conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
            except sqlite3.OperationalError:
                events = 0  # schema not created yet
            if events >= 300:
                break
        time.sleep(0.01)
    assert proc.poll() is None, "import finished before it could be killed; make it larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with sqlite3.connect(killed_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        partial = conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
        products = conn.execute("SELECT count(*) FROM products").fetchone()[0]
    assert products == 600
    assert partial % 100 == 0 and 0 < partial < 20000  # whole batches only

    resumed = subprocess.run(_import_cmd(folder, killed_db), cwd=REPO, capture_output=True,
                             text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    clean_db = tmp_path / "clean.sqlite"
    clean = subprocess.run(_import_cmd(folder, clean_db), cwd=REPO, capture_output=True,
                           text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    assert _counts(killed_db) == _counts(clean_db)
    with sqlite3.connect(killed_db) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM import_runs ORDER BY id")]
    assert statuses == ["interrupted", "completed"]
