"""Saving and loading topic models with skops (never pickle), with version and labels alongside.

A model file is a skops archive of ``{"format": ..., "arabic_news_version":
..., "labels": [...], "info": {...}, "model": Pipeline}``.  Loading checks,
with one-line messages:

* the file exists and is a skops archive (a corrupted or foreign file says so);
* it holds only the types listed in :data:`TRUSTED_TYPES` (no blanket
  ``trusted=True``: anything else is refused and named);
* it was written by this version of ``arabic_news`` and its label set matches
  the model.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError

__all__ = ["ModelFileError", "TRUSTED_TYPES", "save_model", "load_model", "read_model_file"]

FORMAT = "arabic_news.topics/1"

#: every non-builtin type a topic model file may contain (checked before loading)
TRUSTED_TYPES = (
    "arabic_news.stem.ArabicAnalyzer",
    "arabic_news.topics.clean.BoilerplateCleaner",
    "arabic_news.tokenise.words",
    "sklearn.pipeline.Pipeline",
    "sklearn.pipeline.FeatureUnion",
    "arabic_news.topics.stacking.StackedTopicClassifier",
    "arabic_news.topics.stacking.SentenceEncoderFeatures",
    "arabic_news.topics.vectorizer.NgramTfidf",
    "sklearn.svm._classes.LinearSVC",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.naive_bayes.ComplementNB",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "builtins.tuple",
)


class ModelFileError(InputError):
    """A model file that cannot be loaded (missing, corrupted, untrusted content, other version)."""


def save_model(model, path: str | os.PathLike, *, info: dict | None = None) -> Path:
    """Save a fitted pipeline with skops, with the package version and label set.

    Returns the path written (atomically).
    """
    import skops.io as sio

    from .. import __version__
    from ..cache import atomic_write

    labels = [str(c) for c in model.classes_]
    obj = {
        "format": FORMAT,
        "arabic_news_version": __version__,
        "labels": labels,
        "info": dict(info or {}),
        "model": model,
    }
    path = Path(path)
    atomic_write(path, lambda tmp: sio.dump(obj, tmp))
    return path


def read_model_file(path: str | os.PathLike) -> dict:
    """Load a model file's full record (``format``, ``arabic_news_version``, ``labels``, ``info``, ``model``)."""
    import zipfile

    import skops.io as sio

    from .. import __version__

    p = Path(path)
    if not p.exists():
        raise ModelFileError(f"model file not found: {p}")
    if not p.is_file():
        raise ModelFileError(f"model path is not a file: {p}")
    try:
        untrusted = sio.get_untrusted_types(file=p)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, UnicodeDecodeError) as e:
        raise ModelFileError(f"model file {p} is corrupted or not a skops model ({type(e).__name__})") from None
    unknown = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unknown:
        raise ModelFileError(f"model file {p} contains types this lab does not trust: {', '.join(unknown[:5])}")
    try:
        obj = sio.load(p, trusted=[t for t in untrusted])
    except Exception as e:  # noqa: BLE001 -- any failure here is a broken file
        raise ModelFileError(
            f"model file {p} could not be read ({type(e).__name__}: {' '.join(str(e).split())[:120]})"
        ) from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ModelFileError(f"model file {p} is not an arabic_news topic model")
    if obj.get("arabic_news_version") != __version__:
        raise ModelFileError(
            f"model file {p} was made by arabic_news {obj.get('arabic_news_version')}, "
            f"this is {__version__}: retrain it with 'python -m arabic_news topics train'"
        )
    labels = [str(c) for c in getattr(obj["model"], "classes_", [])]
    if labels != list(obj.get("labels", [])):
        raise ModelFileError(
            f"model file {p} is inconsistent: stored labels {obj.get('labels')} != model classes {labels}"
        )
    return obj


def load_model(path: str | os.PathLike):
    """Load a fitted topic pipeline saved by :func:`save_model` (see module docstring for the checks)."""
    rec = read_model_file(path)
    model = rec["model"]
    try:
        model.training_info_ = rec.get("info", {})
    except AttributeError:  # pragma: no cover
        pass
    return model
