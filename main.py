"""StyleRec launcher: the GUI by default, `python main.py <subcommand>` for the CLI."""

import sys


def main() -> int:
    from stylerec_app.cli import SUBCOMMANDS

    args = sys.argv[1:]
    if args[:1] == ["--self-test"]:
        from stylerec_app.ui.selftest import run_self_test

        return run_self_test()
    if args and (args[0] in SUBCOMMANDS or args[0] in ("-h", "--help", "--version")):
        from stylerec_app.cli import main as cli_main

        return cli_main(args)
    from stylerec_app.ui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
