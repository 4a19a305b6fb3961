"""io-bound: three downstream calls made concurrently; the answer waits for all of them.

asyncio sleeps stand in for the downstream services and run truly concurrently, so a request
takes as long as the slowest call. Each invocation gets its own event loop and no module-level
mutable state exists, so concurrent invocations (LMI runs one process per slot) cannot interfere.
"""
import asyncio
import base64
import json
import math
import time

DEFAULT_DELAYS_MS = (150, 200, 100)
MAX_DELAY_MS = 60_000


def _reply(status_code, payload):
    return {"statusCode": status_code, "headers": {"content-type": "application/json"}, "body": json.dumps(payload)}


def _parse_body(event):
    raw = (event or {}).get("body")
    if raw is None or raw == "":
        return {}
    if (event or {}).get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode("utf-8")
    parsed = json.loads(raw)
    if not isinstance(parsed, dict):
        raise ValueError("the request body must be a JSON object")
    return parsed


def _is_delay(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= MAX_DELAY_MS


def _read_delays(body):
    delays = body.get("delaysMs", list(DEFAULT_DELAYS_MS))
    if not isinstance(delays, list) or not delays or not all(_is_delay(d) for d in delays):
        raise ValueError(f"delaysMs must be a non-empty array of numbers from 0 to {MAX_DELAY_MS}")
    return delays


async def _call_downstream(index, delay_ms, started_at):
    await asyncio.sleep(delay_ms / 1000)
    return {"call": index, "delayMs": delay_ms, "doneAtMs": round((time.perf_counter() - started_at) * 1000, 3)}


async def _call_all(delays, started_at):
    return await asyncio.gather(*(_call_downstream(i, d, started_at) for i, d in enumerate(delays)))


def lambda_handler(event, context):
    try:
        delays = _read_delays(_parse_body(event))
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        return _reply(400, {"error": str(error)})
    started_at = time.perf_counter()
    downstream = asyncio.run(_call_all(delays, started_at))
    elapsed_ms = round((time.perf_counter() - started_at) * 1000, 3)
    return _reply(200, {
        "workload": "io-bound",
        "requestId": getattr(context, "aws_request_id", None),
        "delaysMs": delays,
        "downstream": downstream,
        "elapsedMs": elapsed_ms,
    })
