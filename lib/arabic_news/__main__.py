"""``python -m arabic_news``: see :mod:`arabic_news.cli`."""

from .cli import main

raise SystemExit(main())
