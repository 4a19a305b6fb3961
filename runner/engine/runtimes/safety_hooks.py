"""Opt-in instrumentation of a Python environment process for `lmi-bench safety`.

python-bootstrap.py loads it only when the function was deployed with a safety record folder
(LMI_BENCH_SAFETY_DIR); the measuring path never pays for an audit hook.

Each invocation becomes one JSON line in <folder>/python-<pid>.jsonl, written before the
response is handed back:
    {"runtime": "python", "requestId", "startMs", "endMs", "worker",
     "files": [{"path", "read", "write"}], "globals": [name], "pending": []}
- files: paths under the environment's temp folder (/tmp, or TMPDIR where the engine put it)
  that the invocation opened, renamed, removed or copied, from sys.addaudithook;
- globals: module globals of the workload's own modules whose value changed during it.
A process serves one invocation at a time, so the current invocation is a plain global.
"""
import json
import os
import sys
import tempfile
import time
import types

_record = None
_roots = []
_own_dir = ""
_out = None
_watched = []
_skipped_types = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)


def _tmp_path(raw):
    """The path as the handler sees it on AWS (/tmp/...), or None outside the temp folder."""
    if isinstance(raw, int):
        return None  # a file descriptor: opened earlier
    try:
        path = os.path.abspath(os.fsdecode(raw))
    except (TypeError, ValueError):
        return None
    if path.startswith(_own_dir):
        return None
    for root in _roots:
        if path.startswith(root + os.sep):
            return "/tmp/" + path[len(root) + 1:]
    return None


def _note(raw, read, write):
    path = _tmp_path(raw)
    if path is None:
        return
    entry = _record["files"].setdefault(path, {"path": path, "read": False, "write": False})
    entry["read"] = entry["read"] or read
    entry["write"] = entry["write"] or write


def _audit(event, args):
    if _record is None:
        return
    if event == "open":
        path, _mode, flags = args
        access = flags & os.O_ACCMODE if isinstance(flags, int) else os.O_RDONLY
        write = access != os.O_RDONLY or bool(isinstance(flags, int) and flags & (os.O_CREAT | os.O_TRUNC | os.O_APPEND))
        _note(path, access != os.O_WRONLY, write)
    elif event in ("os.rename", "os.replace"):
        _note(args[0], False, True)
        _note(args[1], False, True)
    elif event in ("os.remove", "os.unlink", "os.truncate"):
        _note(args[0], False, True)
    elif event == "shutil.copyfile":
        _note(args[0], True, False)
        _note(args[1], False, True)


def _fingerprint(value):
    try:
        text = repr(value)
    except Exception:  # a value whose repr fails still has an identity
        text = ""
    return (id(value), type(value), hash(text))


def _snapshot():
    state = {}
    for module in _watched:
        for name, value in list(vars(module).items()):
            if name.startswith("__") or isinstance(value, _skipped_types):
                continue
            state[f"{module.__name__}.{name}"] = _fingerprint(value)
    return state


def _worker():
    """The slot process's name: its pid is no name in a pid namespace (every environment's first is 1)."""
    name = os.environ.get("LMI_BENCH_SAFETY_WORKER") or str(os.getpid())
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


def install(record_dir):
    """Starts recording; call before the /tmp isolation and the handler module's import."""
    global _roots, _own_dir, _out
    _own_dir = os.path.abspath(record_dir) + os.sep
    _out = open(os.path.join(record_dir, f"python-{_worker()}.jsonl"), "a", buffering=1, encoding="utf-8")
    roots = {"/tmp", os.path.realpath("/tmp"), os.path.abspath(tempfile.gettempdir())}
    # Where the engine maps the environment's /tmp when it cannot mount it (tmp_isolation.py).
    env_tmp = os.environ.get("LMI_BENCH_TMP_DIR")
    if env_tmp:
        roots.add(os.path.abspath(env_tmp))
    _roots = sorted(roots, key=len, reverse=True)
    sys.addaudithook(_audit)


def instrument(handler, handler_dir):
    """The handler, recorded per invocation. Watches the workload's own modules' globals."""
    prefix = os.path.abspath(handler_dir) + os.sep
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if path and os.path.abspath(path).startswith(prefix):
            _watched.append(module)

    def instrumented(event, context):
        global _record
        before = _snapshot()
        _record = {"requestId": context.aws_request_id, "startMs": time.time() * 1000, "files": {}}
        try:
            return handler(event, context)
        finally:
            record, _record = _record, None
            after = _snapshot()
            changed = sorted(name for name in after.keys() | before.keys() if after.get(name) != before.get(name))
            line = {
                "runtime": "python",
                "requestId": record["requestId"],
                "startMs": record["startMs"],
                "endMs": time.time() * 1000,
                "worker": _worker(),
                "files": list(record["files"].values()),
                "globals": changed,
                "pending": [],
            }
            _out.write(json.dumps(line, separators=(",", ":")) + "\n")

    return instrumented
