"""Lets ``python -m slideshow`` behave exactly like the ``slideshow`` command."""

from slideshow.cli import main

raise SystemExit(main())
