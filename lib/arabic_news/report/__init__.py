"""Reports: execute the notebooks for each article and render offline, right-to-left-aware HTML.

``make report`` (or ``python -m arabic_news report build``) runs every
``notebooks/*.ipynb`` for every ``seeds/*.txt`` article with papermill, converts
each executed notebook to HTML with the lab's nbconvert template, and writes
``reports/<article-slug>/<notebook-stem>.html`` plus ``reports/index.html``.
See :mod:`arabic_news.report.build`.

Notebooks that write per-article results (the dossier's ``summary.json``) ask
:func:`output_dir` where to put them, so the files land inside the report
being built and move into place with it.
"""

from __future__ import annotations

from .build import (
    REPORT_DIR_ENV,
    build_reports,
    output_dir,
    postprocess_html,
    render_notebook,
    write_index,
)

__all__ = [
    "REPORT_DIR_ENV",
    "build_reports",
    "output_dir",
    "postprocess_html",
    "render_notebook",
    "write_index",
]
