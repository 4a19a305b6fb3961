"""The environment's own /tmp for a Python environment process (see ../tmp-dir.ts).

LMI_BENCH_TMP_MODE=namespace: the engine started this process in mount and pid namespaces of
the environment's own (../isolation.ts), with the environment's folder already over /tmp and
the code kept at its path: nothing is left to do here.

LMI_BENCH_TMP_MODE=map: no namespace could be made on this machine; the path arguments of the
Python file API (open, os.*, and through them pathlib, shutil, tempfile) that name /tmp are
rewritten to the folder. Child processes and native code see the host's /tmp.
"""
import builtins
import io
import os


def _under(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def isolate(handler_file):
    """Gives this process the environment's /tmp; returns the path to load the handler from."""
    tmp_dir = os.environ.pop("LMI_BENCH_TMP_DIR", None)
    mode = os.environ.pop("LMI_BENCH_TMP_MODE", None)
    if not tmp_dir:
        return handler_file
    if mode == "namespace":
        return handler_file
    _map(tmp_dir, os.path.dirname(os.path.abspath(handler_file)))
    return handler_file


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
