"""Runtime bootstrap of one Python execution-environment process.

Imports the handler module once, then serves invocations one at a time over pipes:
line-delimited JSON on stdin (requests) and on the original stdout (responses). The
handler's own print() output goes to stderr so it cannot corrupt the protocol.

    argv: bootstrap.py <handler file> <export name> <function name> <memory MB>
    out  {"t": "ready", "initMs": float} | {"t": "init-error", "message": str}   once
    in   {"id": int, "event": {...}, "deadlineMs": float, "requestId": str}
    out  {"id": int, "ok": true, "result": ..., "usage": {...}} | {"id": int, "ok": false, "message": str, "usage": {...}}
         (usage: wallMs, cpuMs, runQueueMs of this process from /proc schedstat; see ../protocol.ts)

On LMI the engine starts one such process per concurrent slot, all sharing the environment's
/tmp (real LMI shares /tmp between them); tmp_isolation.py gives the process that /tmp.
"""
import importlib.util
import json
import os
import sys
import time
import traceback

import tmp_isolation

init_start = time.perf_counter()
protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
sys.stdout = sys.stderr

handler_file, export_name, function_name, memory_mb = sys.argv[1:5]
# `lmi-bench safety` only: records what each invocation touches (safety_hooks.py). Before the
# /tmp isolation, so its record file is opened where the engine reads it.
safety_dir = os.environ.get("LMI_BENCH_SAFETY_DIR")
if safety_dir:
    import safety_hooks
    safety_hooks.install(safety_dir)
# Before the handler module loads: its init may write /tmp too.
handler_file = tmp_isolation.isolate(handler_file)


def send(message):
    protocol_out.write(json.dumps(message, separators=(",", ":")) + "\n")


def error_message(error):
    return f"{type(error).__name__}: {error}"


def schedstat():
    """(ns on a CPU, ns runnable waiting for a core) of this thread, or None without /proc schedstat."""
    try:
        with open("/proc/thread-self/schedstat") as stat:
            on_cpu, run_queue = stat.read().split()[:2]
        return int(on_cpu), int(run_queue)
    except (OSError, ValueError):
        return None


def usage(started, stat):
    now = schedstat()
    if stat is None or now is None:
        return None
    return {
        "wallMs": (time.perf_counter() - started) * 1000,
        "cpuMs": (now[0] - stat[0]) / 1e6,
        "runQueueMs": (now[1] - stat[1]) / 1e6,
    }


class Context:
    def __init__(self, request_id, deadline_ms):
        self.aws_request_id = request_id
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = int(memory_mb)
        self.invoked_function_arn = f"arn:aws:lambda:local:000000000000:function:{function_name}"
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


try:
    handler_dir = os.path.dirname(os.path.abspath(handler_file))
    sys.path.insert(0, handler_dir)
    module_name = os.path.splitext(os.path.basename(handler_file))[0]
    spec = importlib.util.spec_from_file_location(module_name, handler_file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    handler = getattr(module, export_name, None)
    if not callable(handler):
        raise AttributeError(f"{handler_file} has no function named '{export_name}'")
    if safety_dir:
        handler = safety_hooks.instrument(handler, handler_dir)
except BaseException as error:  # init failures of any kind fail the deploy, with their message
    send({"t": "init-error", "message": error_message(error)})
    sys.exit(1)

send({"t": "ready", "initMs": (time.perf_counter() - init_start) * 1000})

for line in sys.stdin:
    request = json.loads(line)
    request_id = request["id"]
    started, stat = time.perf_counter(), schedstat()
    try:
        result = handler(request["event"], Context(request["requestId"], request["deadlineMs"]))
        payload = json.dumps({"id": request_id, "ok": True, "result": result, "usage": usage(started, stat)}, separators=(",", ":"))
    except BaseException as error:
        traceback.print_exc(file=sys.stderr)
        payload = json.dumps({"id": request_id, "ok": False, "message": error_message(error), "usage": usage(started, stat)})
    protocol_out.write(payload + "\n")
