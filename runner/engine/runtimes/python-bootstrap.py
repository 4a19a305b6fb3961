"""Runtime bootstrap of one Python execution-environment process.

Imports the handler module once, then serves invocations one at a time over a protocol
channel of its own: line-delimited JSON read from fd 3 (requests) and written to fd 4
(responses). Both descriptors are made non-inheritable at once, so neither the handler's
print() nor a subprocess it starts (os.system, subprocess) can write to them: fds 1 and 2
are the environment's log, as stdout and stderr are CloudWatch Logs on Lambda; fd 0 is
/dev/null.

    argv: bootstrap.py <handler file> <export name> <function name> <memory MB>
    out  {"t": "ready", "initMs": float} | {"t": "init-error", "message": str}   once
    in   {"id": int, "event": {...}, "deadlineMs": float, "requestId": str}
    out  {"id": int, "ok": true, "result": ..., "usage": {...}}
       | {"id": int, "ok": false, "message": str[, "errorType": str], "usage": {...}}
         (usage: wallMs, cpuMs, runQueueMs of this process from /proc schedstat; see ../protocol.ts)

A result whose JSON is larger than Lambda's response payload limit is not sent: the
invocation fails as Lambda fails it (errorType RequestEntityTooLarge).

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
REQUEST_FD, RESPONSE_FD = 3, 4
os.set_inheritable(REQUEST_FD, False)
os.set_inheritable(RESPONSE_FD, False)
protocol_in = os.fdopen(REQUEST_FD, "rb")
protocol_out = os.fdopen(RESPONSE_FD, "wb")
# Lambda's response payload limit: 6 MiB and 100 bytes ("Exceeded maximum allowed payload size (6291556 bytes).").
MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100

handler_file, export_name, function_name, memory_mb = sys.argv[1:5]
# `lmi-bench safety` only: records what each invocation touches (safety_hooks.py). Before the
# /tmp isolation, so its record file is opened where the engine reads it.
safety_dir = os.environ.get("LMI_BENCH_SAFETY_DIR")
if safety_dir:
    import safety_hooks
    safety_hooks.install(safety_dir)
# Before the handler module loads: its init may write /tmp too.
handler_file = tmp_isolation.isolate(handler_file)


def send_line(text):
    protocol_out.write(text.encode("utf-8") + b"\n")
    protocol_out.flush()


def send(message):
    send_line(json.dumps(message, separators=(",", ":")))


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

for line in protocol_in:
    request = json.loads(line)
    request_id = request["id"]
    started, stat = time.perf_counter(), schedstat()
    try:
        result = handler(request["event"], Context(request["requestId"], request["deadlineMs"]))
        spent = json.dumps(usage(started, stat), separators=(",", ":"))
        serialized = json.dumps(result, separators=(",", ":"))
        if len(serialized) > MAX_RESPONSE_BYTES:
            payload = json.dumps({
                "id": request_id,
                "ok": False,
                "errorType": "RequestEntityTooLarge",
                "message": f"Exceeded maximum allowed payload size ({MAX_RESPONSE_BYTES} bytes).",
                "usage": json.loads(spent),
            }, separators=(",", ":"))
        else:
            # The result is serialised once, to measure it and to send it.
            payload = '{"id":%d,"ok":true,"usage":%s,"result":%s}' % (request_id, spent, serialized)
    except BaseException as error:
        traceback.print_exc(file=sys.stderr)
        payload = json.dumps({"id": request_id, "ok": False, "message": error_message(error), "usage": usage(started, stat)})
    send_line(payload)
