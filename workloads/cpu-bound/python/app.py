"""cpu-bound: deterministic CPU work, `rounds` chained SHA-256 hashes over a 16 KiB buffer.

Each round hashes the previous digest followed by the buffer, so no round can be skipped and the
returned digest proves the work was done; node/index.mjs computes the same chain and digest.
The buffer is immutable bytes and there is no other module state, so concurrent invocations
(one process per LMI slot) share nothing mutable.
"""
import base64
import hashlib
import json
import time

DEFAULT_ROUNDS = 1500
MAX_ROUNDS = 10_000_000
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


def _read_rounds(body):
    rounds = body.get("rounds", DEFAULT_ROUNDS)
    if isinstance(rounds, float) and rounds.is_integer():
        rounds = int(rounds)
    if not isinstance(rounds, int) or isinstance(rounds, bool) or not 0 <= rounds <= MAX_ROUNDS:
        raise ValueError(f"rounds must be a whole number from 0 to {MAX_ROUNDS}")
    return rounds


def _hash_chain(rounds):
    digest = bytes(32)
    for _ in range(rounds):
        h = hashlib.sha256(digest)
        h.update(BLOCK)
        digest = h.digest()
    return digest.hex()


def lambda_handler(event, context):
    try:
        rounds = _read_rounds(_parse_body(event))
    except ValueError as error:
        return _reply(400, {"error": str(error)})
    started_at = time.perf_counter()
    digest = _hash_chain(rounds)
    elapsed_ms = round((time.perf_counter() - started_at) * 1000, 3)
    return _reply(200, {
        "workload": "cpu-bound",
        "requestId": getattr(context, "aws_request_id", None),
        "rounds": rounds,
        "bufferBytes": BUFFER_BYTES,
        "digest": digest,
        "elapsedMs": elapsed_ms,
    })
