"""`python -m stylerec_app …` runs the headless CLI."""

from stylerec_app.cli import main

raise SystemExit(main())
