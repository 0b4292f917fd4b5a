"""CLI commands for a team store on PostgreSQL: push a store file to it, name its shared
media folder, keep its password in the OS keyring."""

from __future__ import annotations

import getpass
from pathlib import Path

from stylerec_app.cli.common import ProgressBar, with_cancel
from stylerec_app.domain.errors import StyleRecError


def add_parsers(sub) -> None:
    team = sub.add_parser("team", help="a team store on PostgreSQL (URL: postgresql://user@host/db)")
    actions = team.add_subparsers(dest="action", required=True)
    push = actions.add_parser("push", help="copy a store file into a new team store")
    push.add_argument("source", help="the store file to copy")
    media = actions.add_parser("media", help="name the shared folder for the store's files")
    media.add_argument("folder", help="a folder every workstation mounts at the same path")
    actions.add_parser("password", help="save the store's password in the OS keyring")
    for p in actions.choices.values():
        p.add_argument("--db", required=True, help="the team store's URL")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def cmd_team(args) -> int:
    from stylerec_app.services.stores import (
        is_url,
        open_store,
        push_store,
        save_password,
        set_media_dir,
    )

    if not is_url(args.db):
        raise StyleRecError(f"{args.db} is not a team store URL (postgresql://user@host/db).")
    if args.action == "password":
        if not save_password(args.db, getpass.getpass("Password: ")):
            raise StyleRecError("No OS keyring is available here: put the password in the "
                                "URL, or in ~/.pgpass.")
        print("Saved in the OS keyring; StyleRec will use it for this store.")
        return 0
    store = open_store(args.db, create=True)
    try:
        if args.action == "media":
            folder = Path(args.folder).expanduser().resolve()
            folder.mkdir(parents=True, exist_ok=True)
            set_media_dir(store, folder)
            print(f"The store's files now live in {folder}.")
            return 0
        bar = ProgressBar(args.quiet)
        try:
            copied = with_cancel(lambda token: push_store(args.source, store, bar, token))
        finally:
            bar.close()
        print(f"Copied {sum(copied.values()):,} rows into {store.label}: " + ", ".join(
            f"{n:,} {t}" for t, n in copied.items() if n and t in
            ("products", "shoppers", "interactions", "embeddings")))
    finally:
        store.close()
    return 0
