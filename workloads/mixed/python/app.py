"""mixed: CPU work (chained SHA-256 rounds, as in cpu-bound) followed by concurrent downstream
waits (asyncio sleeps, as in io-bound). No module-level mutable state: concurrent invocations
(one process per LMI slot) share nothing that can change.
"""
import asyncio
import base64
import hashlib
import json
import math
import time

DEFAULT_ROUNDS = 750
DEFAULT_DELAYS_MS = (40, 60)
MAX_ROUNDS = 10_000_000
MAX_DELAY_MS = 60_000
BUFFER_BYTES = 16 * 1024
BLOCK = bytes(i % 251 for i in range(BUFFER_BYTES))


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


def _read_request(body):
    rounds = body.get("rounds", DEFAULT_ROUNDS)
    if isinstance(rounds, float) and rounds.is_integer():
        rounds = int(rounds)
    if not isinstance(rounds, int) or isinstance(rounds, bool) or not 0 <= rounds <= MAX_ROUNDS:
        raise ValueError(f"rounds must be a whole number from 0 to {MAX_ROUNDS}")
    delays = body.get("delaysMs", list(DEFAULT_DELAYS_MS))
    if not isinstance(delays, list) or not all(_is_delay(d) for d in delays):
        raise ValueError(f"delaysMs must be an array of numbers from 0 to {MAX_DELAY_MS}")
    return rounds, delays


def _hash_chain(rounds):
    digest = bytes(32)
    for _ in range(rounds):
        h = hashlib.sha256(digest)
        h.update(BLOCK)
        digest = h.digest()
    return digest.hex()


async def _wait_all(delays):
    await asyncio.gather(*(asyncio.sleep(d / 1000) for d in delays))


def lambda_handler(event, context):
    try:
        rounds, delays = _read_request(_parse_body(event))
    except ValueError as error:
        return _reply(400, {"error": str(error)})
    started_at = time.perf_counter()
    digest = _hash_chain(rounds)
    cpu_ms = round((time.perf_counter() - started_at) * 1000, 3)
    asyncio.run(_wait_all(delays))
    elapsed_ms = round((time.perf_counter() - started_at) * 1000, 3)
    return _reply(200, {
        "workload": "mixed",
        "requestId": getattr(context, "aws_request_id", None),
        "rounds": rounds,
        "delaysMs": delays,
        "digest": digest,
        "cpuMs": cpu_ms,
        "elapsedMs": elapsed_ms,
    })
