"""Executing notebooks: papermill in a fresh kernel whose environment is passed explicitly.

The builder never changes ``os.environ``: each kernel gets its own copy of the
environment with ``ARABIC_NEWS_REPORT_DIR`` (where the notebook writes files
that belong to its report) and an inline matplotlib backend, so parallel
workers cannot see each other's settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..paths import project_root

__all__ = ["REPORT_DIR_ENV", "INLINE_BACKEND", "kernel_env", "execute_notebook", "schedule", "default_jobs", "error_of"]

#: Environment variable telling a notebook where its report is being built.
REPORT_DIR_ENV = "ARABIC_NEWS_REPORT_DIR"
#: matplotlib backend of the kernels that execute the notebooks (figures inline in the report)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
_ENGINE = "arabic_news_env"


def kernel_env(report_dir: str | os.PathLike | None, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of one notebook kernel: ``base`` (default ``os.environ``) plus the report folder.

    A user's ``MPLBACKEND=Agg`` would leave every figure out of the report, so
    the inline backend is set here.

    >>> env = kernel_env("/tmp/r", base={"PATH": "/bin"})
    >>> env["ARABIC_NEWS_REPORT_DIR"], env["PATH"]
    ('/tmp/r', '/bin')
    """
    env = dict(os.environ if base is None else base)
    env["MPLBACKEND"] = INLINE_BACKEND
    if report_dir is not None:
        env[REPORT_DIR_ENV] = str(report_dir)
    else:
        env.pop(REPORT_DIR_ENV, None)
    return env


def _register_engine() -> None:
    """A papermill engine that starts the kernel with an explicit environment (``kernel_env=``)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    if _ENGINE in papermill_engines._engines:
        return

    class EnvEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: int = 60,
            execution_timeout: int | None = None,
            kernel_env: dict[str, str] | None = None,
            **kwargs: Any,
        ) -> Any:
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            final = merge_kwargs(
                kwargs,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client = PapermillNotebookClient(nb_man, **final)
            return client.execute(**({"env": kernel_env} if kernel_env is not None else {}))

    papermill_engines.register(_ENGINE, EnvEngine)


def execute_notebook(
    nb_path: Path, out_path: Path, params: dict[str, Any], *, env: dict[str, str], timeout: int
) -> None:
    """Execute ``nb_path`` with papermill into ``out_path``, kernel environment ``env``, cwd the project root."""
    import threading

    import papermill as pm

    _register_engine()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            pm.execute_notebook(
                str(nb_path),
                str(out_path),
                parameters=params,
                engine_name=_ENGINE,
                kernel_name="python3",
                cwd=str(project_root()),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                execution_timeout=timeout,
                kernel_env=env,
            )
        except BaseException as e:  # noqa: BLE001 -- re-raised in the caller's thread below
            failure.append(e)

    # A thread of its own, so nbclient gets a fresh event loop: the calling thread's loop may be
    # one that another library (e.g. a Dask client) is running elsewhere ("event loop already running").
    worker = threading.Thread(target=run, name=f"papermill-{nb_path.stem}")
    worker.start()
    worker.join()
    if failure:
        raise failure[0]


def default_jobs() -> int:
    """Notebooks run at once: ``$ARABIC_NEWS_JOBS``, else 2 (capped by the number of CPUs)."""
    env = os.environ.get("ARABIC_NEWS_JOBS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise ValueError(f"ARABIC_NEWS_JOBS must be a whole number, got {env!r}") from None
    return max(1, min(2, os.cpu_count() or 1))


def schedule(notebooks: Sequence[Path], seconds: dict[str, float] | None = None) -> list[list[Path]]:
    """Order notebooks into phases for execution.

    Synthesis notebooks (phase 9: names starting with ``9``) read the caches
    that the others build, so they run in a last phase of their own.  Within a
    phase the notebooks that took longest last time start first (longest
    processing time first), which keeps parallel workers evenly loaded;
    unknown times keep the sorted order.

    >>> [[p.name for p in ph] for ph in schedule([Path("00-a.ipynb"), Path("11-b.ipynb"), Path("90-c.ipynb")], {"11-b": 30.0})]
    [['11-b.ipynb', '00-a.ipynb'], ['90-c.ipynb']]
    """
    seconds = seconds or {}
    main = [p for p in notebooks if not p.name.startswith("9")]
    last = [p for p in notebooks if p.name.startswith("9")]
    main = sorted(main, key=lambda p: -seconds.get(p.stem, 0.0))
    return [ph for ph in (main, last) if ph]


def _one_line(exc: BaseException, limit: int = 300) -> str:
    from ..clikit import one_line

    msg = one_line(exc)
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


def error_of(exc: BaseException) -> str:
    """One line for a failed notebook: the cell's exception name and value (papermill), else the error."""
    ename = getattr(exc, "ename", None)
    if ename:  # papermill's PapermillExecutionError
        evalue = " ".join(str(getattr(exc, "evalue", "")).split())
        cell = getattr(exc, "exec_count", None)
        where = f" (cell {cell})" if cell else ""
        msg = f"{ename}: {evalue}{where}"
        return msg if len(msg) <= 300 else msg[:299] + "…"
    return _one_line(exc) if isinstance(exc, (ValueError, OSError)) else f"{type(exc).__name__}: {_one_line(exc)}"
