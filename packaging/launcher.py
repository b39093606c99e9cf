"""Entry point of the frozen app: the same command line as ``slideshow`` and ``python -m slideshow``."""

from slideshow.cli import main

raise SystemExit(main())
