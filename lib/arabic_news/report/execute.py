"""Executing notebooks: papermill in a kernel whose environment is passed explicitly.

The builder never changes ``os.environ``: each kernel gets its own copy of the
environment with ``ARABIC_NEWS_REPORT_DIR`` (where the notebook writes files
that belong to its report) and an inline matplotlib backend, so parallel
workers cannot see each other's settings.

An article's notebooks can share one kernel (:class:`KernelSession`): its
user namespace is cleared before each notebook (``%reset -f``), so a notebook
still sees only what it defines itself, while imported modules and their
in-memory caches (models, lexicons, the sentence encoder) are loaded once per
article instead of once per notebook.  A notebook that fails or times out gets
its kernel replaced before the next one runs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..paths import project_root

__all__ = [
    "REPORT_DIR_ENV",
    "INLINE_BACKEND",
    "KernelSession",
    "kernel_env",
    "execute_notebook",
    "in_own_thread",
    "schedule",
    "default_jobs",
    "error_of",
]

#: Environment variable telling a notebook where its report is being built.
REPORT_DIR_ENV = "ARABIC_NEWS_REPORT_DIR"
#: matplotlib backend of the kernels that execute the notebooks (figures inline in the report)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
_ENGINE = "arabic_news_env"
#: clears a shared kernel's user namespace between notebooks; imported modules and their caches stay
#: (IPython's reset also empties the output history and runs the garbage collector)
RESET_CODE = "get_ipython().run_line_magic('reset', '-f')"
T = TypeVar("T")


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

    class _Client(PapermillNotebookClient):
        """Papermill's client; in a shared kernel it first clears the namespace, over its own connection.

        A separate client for the reset cost a second ``wait_for_ready`` (about 0.2 s) per notebook.
        """

        reset_first = False

        def papermill_execute_cells(self) -> None:
            if self.reset_first:
                reply = self.wait_for_reply(self.kc.execute(RESET_CODE, silent=True, store_history=False))
                if (reply or {}).get("content", {}).get("status") != "ok":
                    raise RuntimeError("could not clear the shared kernel's namespace")
            super().papermill_execute_cells()

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
            reset_first: bool = False,
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
            client = _Client(nb_man, **final)
            client.reset_first = reset_first
            try:
                return client.execute(**({"env": kernel_env} if kernel_env is not None else {}))
            finally:
                if not client.owns_km and client.kc is not None:  # a shared kernel stays up; its client goes
                    client.kc.stop_channels()

    papermill_engines.register(_ENGINE, EnvEngine)


def in_own_thread(fn: Callable[[], T], *, name: str) -> T:
    """Run ``fn()`` in a new thread and return its result (its exception is re-raised here).

    nbclient then gets a fresh event loop: the calling thread's loop may be one
    that another library (e.g. a Dask client) is running elsewhere ("event loop
    already running").  A :class:`KernelSession` must be used from one thread.
    """
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(fn())
        except BaseException as e:  # noqa: BLE001 -- re-raised in the caller's thread below
            failure.append(e)

    worker = threading.Thread(target=run, name=name)
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
    return result[0]


class KernelSession:
    """One kernel process reused for several notebooks, driven from the thread that started it.

    >>> s = KernelSession({"PATH": "/bin"}, cwd="/tmp")
    >>> s.km is None
    True
    """

    def __init__(self, env: dict[str, str], *, cwd: str | os.PathLike, startup_timeout: int = 60) -> None:
        self.env = env
        self.cwd = str(cwd)
        self.startup_timeout = startup_timeout
        self.km: Any = None
        self.notebooks = 0  # notebooks run in the current kernel
        self._ipc_dir: str | None = None  # the current kernel's socket folder (POSIX)

    def start(self) -> None:
        """Start a kernel (``python3``) with the session's environment and working directory."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        # Local (IPC) sockets in a private folder, not TCP ports: jupyter_client picks a TCP port by binding
        # to port 0 and letting it go, and a kernel started at the same moment elsewhere (another build, a
        # test worker) can take it first -- the kernel then dies with "Address already in use" and the build
        # waits a minute for it (seen in CI).  Windows has no IPC transport and keeps TCP.
        kw: dict[str, Any] = {}
        if os.name == "posix":
            self._ipc_dir = tempfile.mkdtemp(prefix="arabic-news-kernel-")
            kw = {"transport": "ipc", "ip": os.path.join(self._ipc_dir, "k")}
        km = AsyncKernelManager(kernel_name="python3", **kw)
        # log level ERROR: the kernel's start-up warning about unencrypted local TCP is noise in build logs
        run_sync(km.start_kernel)(env=self.env, cwd=self.cwd, extra_arguments=["--IPKernelApp.log_level=ERROR"])
        self.km, self.notebooks = km, 0

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    def reset(self) -> None:
        """Clear the user namespace (``%reset -f``); imported modules and their caches stay loaded."""
        from jupyter_core.utils import run_sync

        async def _reset() -> dict[str, Any]:
            kc = self.km.client()
            kc.start_channels()
            try:
                await kc.wait_for_ready(timeout=self.startup_timeout)
                reply: dict[str, Any] = await kc.execute_interactive(
                    RESET_CODE, store_history=False, timeout=60, output_hook=lambda msg: None
                )
                return reply
            finally:
                kc.stop_channels()

        reply = run_sync(_reset)()
        if reply.get("content", {}).get("status") != "ok":
            raise RuntimeError("could not clear the shared kernel's namespace")

    def ready(self, *, reset: bool = True) -> bool:
        """A live kernel for the next notebook: the current one, or a new one if it died.

        Returns whether its namespace still holds a previous notebook's names; with
        ``reset`` (default) they are cleared here, otherwise the caller clears them
        (:func:`execute_notebook` does so over papermill's own connection).
        """
        used = False
        if self.alive():
            used = self.notebooks > 0
            if used and reset:
                self.reset()
                used = False
        else:
            self.close()
            self.start()
        self.notebooks += 1
        return used

    def close(self) -> None:
        """Shut the kernel down (no error if it is already gone)."""
        from jupyter_core.utils import run_sync

        km, self.km = self.km, None
        if km is not None:
            try:
                run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 -- a kernel that is already dead needs no shutdown
                pass
        ipc_dir, self._ipc_dir = self._ipc_dir, None
        if ipc_dir:
            shutil.rmtree(ipc_dir, ignore_errors=True)

    def __enter__(self) -> KernelSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _renumber(out_path: Path) -> None:
    """Execution counts 1, 2, ... per notebook, also when its kernel ran notebooks before."""
    import nbformat

    nb = nbformat.read(str(out_path), as_version=4)
    n = 0
    for cell in nb.cells:
        if cell.get("cell_type") == "code" and cell.get("execution_count") is not None:
            n += 1
            cell["execution_count"] = n
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = n
    nbformat.write(nb, str(out_path))


def execute_notebook(
    nb_path: Path,
    out_path: Path,
    params: dict[str, Any],
    *,
    env: dict[str, str],
    timeout: int,
    session: KernelSession | None = None,
) -> None:
    """Execute ``nb_path`` with papermill into ``out_path``, kernel environment ``env``, cwd the project root.

    Without ``session`` the notebook gets a kernel of its own, started and stopped
    in a thread of its own.  With ``session`` it runs in that session's kernel
    (namespace cleared first), in the calling thread -- the one that owns the session.
    """
    import papermill as pm

    _register_engine()

    def run() -> None:
        extra: dict[str, Any] = {}
        if session is not None:
            extra["reset_first"] = session.ready(reset=False)
            extra["km"] = session.km
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
            **extra,
        )

    if session is None:
        in_own_thread(run, name=f"papermill-{nb_path.stem}")
        return
    try:
        run()
    except BaseException:
        session.close()  # a failed or timed-out notebook may leave its kernel busy: the next one gets a new kernel
        raise
    _renumber(out_path)


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
