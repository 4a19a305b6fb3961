"""The environment's own /tmp for a Python environment process (see ../tmp-dir.ts).

LMI_BENCH_TMP_MODE=bind: the engine started this process in a private mount namespace
(unshare --mount); the environment's folder is bind-mounted over /tmp here, before the handler
loads, so every file API, child process and native library sees it. The function's code stays
reachable when it lies under /tmp (tests) through a descriptor opened before the mount.

LMI_BENCH_TMP_MODE=map: no namespace could be made on this machine; the path arguments of the
Python file API (open, os.*, and through them pathlib, shutil, tempfile) that name /tmp are
rewritten to the folder. Child processes and native code see the host's /tmp.
"""
import builtins
import ctypes
import io
import os

MS_BIND = 4096


def _under(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def isolate(handler_file):
    """Gives this process the environment's /tmp; returns the path to load the handler from."""
    tmp_dir = os.environ.pop("LMI_BENCH_TMP_DIR", None)
    mode = os.environ.pop("LMI_BENCH_TMP_MODE", None)
    if not tmp_dir:
        return handler_file
    code_dir = os.path.dirname(os.path.abspath(handler_file))
    if mode == "bind":
        return _bind(tmp_dir, handler_file, code_dir)
    _map(tmp_dir, code_dir)
    return handler_file


def _bind(tmp_dir, handler_file, code_dir):
    code_fd = os.open(code_dir, os.O_RDONLY | os.O_DIRECTORY) if _under(code_dir, "/tmp") else None
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(tmp_dir.encode(), b"/tmp", None, MS_BIND, None) != 0:
        raise OSError(ctypes.get_errno(), f"cannot bind-mount the environment's folder over /tmp: {os.strerror(ctypes.get_errno())}")
    if code_fd is None:
        return handler_file
    # /proc/self/fd/N reaches the folder the descriptor holds, whatever is mounted over /tmp now.
    return f"/proc/self/fd/{code_fd}/{os.path.basename(handler_file)}"


def _map(tmp_dir, code_dir):
    def mapped(path):
        if isinstance(path, os.PathLike):
            path = os.fspath(path)
        if isinstance(path, bytes):
            text = os.fsdecode(path)
        elif isinstance(path, str):
            text = path
        else:
            return path  # a file descriptor
        absolute = os.path.abspath(text)
        if not _under(absolute, "/tmp") or _under(absolute, tmp_dir) or _under(absolute, code_dir):
            return path
        return tmp_dir + absolute[len("/tmp"):]

    def wrap(module, name, paths):
        original = getattr(module, name, None)
        if original is None:
            return

        def wrapped(*args, **kwargs):
            args = [mapped(a) if i < paths else a for i, a in enumerate(args)]
            for key in ("path", "file", "src", "dst"):
                if key in kwargs:
                    kwargs[key] = mapped(kwargs[key])
            return original(*args, **kwargs)

        wrapped.__name__ = getattr(original, "__name__", name)
        wrapped.__doc__ = getattr(original, "__doc__", None)
        setattr(module, name, wrapped)

    builtins_open = builtins.open
    wrap(builtins, "open", 1)
    if io.open is builtins_open:
        io.open = builtins.open
    for name in ("open", "stat", "lstat", "access", "listdir", "scandir", "mkdir", "rmdir", "remove", "unlink",
                 "chmod", "chown", "utime", "truncate", "readlink", "mkfifo", "statvfs", "chdir"):
        wrap(os, name, 1)
    for name in ("rename", "replace", "link", "symlink"):
        wrap(os, name, 2)
