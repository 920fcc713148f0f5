"""The build's kernels talk over local (IPC) sockets, not TCP ports that another process can take first."""

from __future__ import annotations

import os

import pytest


@pytest.mark.skipif(os.name != "posix", reason="IPC sockets exist on POSIX only; Windows keeps TCP")
def test_kernel_session_uses_private_ipc_sockets_and_removes_them(tmp_path):
    from arabic_news.report.execute import KernelSession

    with KernelSession(dict(os.environ), cwd=tmp_path) as s:
        assert s.ready() is False  # a fresh kernel: nothing to clear
        assert s.km.transport == "ipc"
        folder = s._ipc_dir
        assert folder and s.km.ip.startswith(folder + os.sep)
        s.reset()  # waits for the kernel and runs code over its channels
        assert os.listdir(folder)  # its sockets live in that private folder
        assert s.alive()
    assert s.km is None and not os.path.exists(folder)
