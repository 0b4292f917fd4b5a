"""A throw-away PostgreSQL server for the test run, driven with Debian's `initdb`/`pg_ctl`.

Started once per session on 127.0.0.1 (a free port, trust authentication, data in a temp
folder) and stopped at the end. PostgreSQL refuses to run as root, so as root the server
runs as the `postgres` user the Debian package creates. When no server can be started the
reason is returned, and the PostgreSQL half of the parametrised tests skips with it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

URL_ENV = "STYLEREC_TEST_PG_URL"  # use a server someone else runs instead (a URL)


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TestServer:
    def __init__(self) -> None:
        self.url: str | None = None
        self.reason = ""
        self._data: Path | None = None
        self._bin: Path | None = None
        self._as: list[str] = []

    def start(self) -> None:
        if os.environ.get(URL_ENV):
            self.url = os.environ[URL_ENV]
            return
        self._bin = _binaries()
        if self._bin is None:
            self.reason = ("no PostgreSQL server binaries (install Debian's 'postgresql' "
                           "package; .ci/run does)")
            return
        root = Path(tempfile.mkdtemp(prefix="stylerec-pg-"))
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                self.reason = "running as root without runuser: cannot start PostgreSQL"
                return
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(root, "postgres")
        self._data = root / "data"
        port = _free_port()
        try:
            self._run("initdb", "-D", str(self._data), "-A", "trust", "-U", "stylerec",
                      "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
            self._run("pg_ctl", "-D", str(self._data), "-l", str(root / "server.log"), "-w",
                      "-o", f"-h 127.0.0.1 -p {port} -k {root} -F -c max_connections=200",
                      "start")
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            self.reason = f"PostgreSQL did not start: {exc} {detail.decode(errors='replace')}"
            return
        self.url = f"postgresql://stylerec@127.0.0.1:{port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self._as, str(self._bin / tool), *args], check=True,
                       capture_output=True, timeout=120)

    def stop(self) -> None:
        if self._data is not None and self.url:
            try:
                self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop")
            except (OSError, subprocess.SubprocessError):
                pass
            shutil.rmtree(self._data.parent, ignore_errors=True)

    def new_database(self) -> str:
        """The URL of a new, empty database on this server."""
        import psycopg

        name = f"t{time.time_ns()}_{os.getpid()}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + f"/{name}"
