"""Reports: execute the notebooks and render offline, right-to-left-aware HTML.

``make report`` (or ``python -m arabic_news report build``) runs the
lab-level notebooks (``notebooks/lab/*.ipynb``) once per data + code
fingerprint into ``reports/lab/``, every per-article ``notebooks/*.ipynb`` for
every ``seeds/*.txt`` article into ``reports/<article-slug>/``, and writes
``reports/index.html``.  Modules:

* :mod:`.build` -- what to build, skip-unchanged stamps, the Dask graph;
* :mod:`.execute` -- papermill in a kernel with an explicit environment, ordering;
* :mod:`.warmup` -- the registry of article-independent cached steps run first;
* :mod:`.render` -- nbconvert template ``lab_rtl``, direction attributes, TOC, provenance;
* :mod:`.index` -- the index page (template ``templates/index/index.html.j2``).

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
