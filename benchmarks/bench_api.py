"""Latency of the incident-list and map endpoints under load.

Builds a SQLite store with 100,000 incidents (bulk inserts: each with one
claim, one document and a source; a tenth from a protected monitor), starts
`uvicorn` in a subprocess on 127.0.0.1, and drives it with 20 concurrent
clients for a bounded number of requests per endpoint.  The default load
generator is a lean asyncio HTTP/1.1 keep-alive client (below); ``--client httpx``
uses httpx's AsyncClient instead, which on this 2-core box tops out near 200
requests/s even against an app that returns ``{}``, so it measures itself.
Requests are public (the redacting path, the dearer one) unless --token is
given.  Prints p50/p95/p99 latency per endpoint and the server's memory.

    .venv/bin/python benchmarks/bench_api.py [--incidents 100000] [--requests 2000]

Target (issue 7): p95 <= 100 ms for both endpoints.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from truceline.models import STATUSES, SUB_EVENT_TYPES
from truceline.store import Store

AT = "2025-01-01T00:00:00+00:00"
WEST, SOUTH, EAST, NORTH = 30.0, 45.0, 40.0, 52.0


def build(path: Path, n: int, seed: int = 7) -> float:
    t0 = time.perf_counter()
    Store.open(str(path)).close()  # the schema, by the store's own migrations
    rnd = random.Random(seed)
    subs = list(SUB_EVENT_TYPES)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    db.executemany(
        "INSERT INTO sources (id, name, kind, reliability, protected, created_at) VALUES (?,?,?,?,?,?)",
        [
            (i, f"source {i}", "monitor" if i == 9 else "news", "ABCDEF"[i % 6], i == 9, AT)
            for i in range(10)
        ],
    )
    docs, claims, incs, links = [], [], [], []
    for i in range(n):
        lat, lon = rnd.uniform(SOUTH, NORTH), rnd.uniform(WEST, EAST)
        day = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        sub = rnd.choice(subs)
        status = rnd.choice(STATUSES)
        did, cid, iid = f"d{i:07d}", f"c{i:07d}", f"i{i:07d}"
        src = i % 10
        text = f"Report {i}: {sub} near {lat:.3f}, {lon:.3f} on {day}."
        docs.append((did, src, day, text, 1, AT))
        claims.append((cid, did, SUB_EVENT_TYPES[sub], sub, day, lat, lon, 0, len(text), text, AT))
        incs.append(
            (
                iid,
                SUB_EVENT_TYPES[sub],
                sub,
                day,
                f"place {i % 997}",
                "Oblast",
                "UA",
                lat,
                lon,
                1,
                rnd.randint(0, 5),
                status,
                1,
                AT,
                AT,
            )
        )
        links.append((cid, iid))
    db.executemany(
        "INSERT INTO documents (id, source_id, published, text, processed, ingested_at) VALUES (?,?,?,?,?,?)",
        docs,
    )
    db.executemany(
        "INSERT INTO claims (id, document_id, event_type, sub_event_type, event_date, latitude, longitude, span_start, span_end, evidence, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        claims,
    )
    db.executemany(
        "INSERT INTO incidents (id, event_type, sub_event_type, event_date, location, admin1, country_code, latitude, longitude, geo_precision, fatalities, status, independent_sources, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        incs,
    )
    db.executemany("INSERT INTO incident_claims (claim_id, incident_id) VALUES (?,?)", links)
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int, workers: int) -> subprocess.Popen:
    """`truceline serve`, as an operator would start it."""
    cmd = [sys.executable, "-c", "from truceline.cli import main; main()", "--db", str(db)]
    cmd += ["serve"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(cmd)


def memory_kb(pid: int) -> dict[str, int]:
    """RSS and peak RSS, summed over the server and its worker processes."""
    out = {"VmRSS": 0, "VmHWM": 0, "processes": 0}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        out["processes"] += 1
        for line in status.splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] += int(value.split()[0])
        todo += [int(c) for c in children]
    return out


def list_url(rnd: random.Random) -> str:
    m = rnd.randint(1, 12)
    url = f"/api/incidents?limit=50&date_from=2024-{m:02d}-01&date_to=2024-{m:02d}-28"
    if rnd.random() < 0.5:
        url += "&status=" + rnd.choice(STATUSES)
    if rnd.random() < 0.5:
        w, s = rnd.uniform(WEST, EAST - 2), rnd.uniform(SOUTH, NORTH - 2)
        url += f"&bbox={w:.3f},{s:.3f},{w + 2:.3f},{s + 2:.3f}"
    return url


def floor_url(rnd: random.Random) -> str:
    # the cheapest endpoint: what the server, the framework and the load generator cost
    return "/api/me"


def map_url(rnd: random.Random) -> str:
    # a map view at about zoom 9: 1 x 0.6 degrees, some 800 incidents over the year
    w, s = rnd.uniform(WEST, EAST - 1), rnd.uniform(SOUTH, NORTH - 0.6)
    return f"/api/map/incidents?bbox={w:.3f},{s:.3f},{w + 1:.3f},{s + 0.6:.3f}"


async def _fetch(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    """One request on a kept-alive connection; the whole body is read."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length, chunked = 0, False
    for line in lines[1:]:
        key, _, value = line.partition(b":")
        key = key.strip().lower()
        if key == b"content-length":
            length = int(value)
        elif key == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if not chunked:
        return status, await reader.readexactly(length)
    body = bytearray()
    while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
        body += (await reader.readexactly(size + 2))[:-2]
    await reader.readuntil(b"\r\n")
    return status, bytes(body)


async def drive_lean(
    base: str, make_url, total: int, clients: int, headers: dict[str, str], seed: int
) -> tuple[list[float], int, float]:
    """Each client holds one keep-alive connection and sends its next request on the answer."""
    rnd = random.Random(seed)
    urls = [make_url(rnd) for _ in range(total)][::-1]
    host, port = base.removeprefix("http://").split(":")
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    latencies: list[float] = []
    errors = 0

    async def client_loop() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        while urls:
            request = f"GET {urls.pop()} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode()
            t0 = time.perf_counter()
            status, _ = await _fetch(reader, writer, request)
            latencies.append(time.perf_counter() - t0)
            errors += status != 200
        writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - t0


async def drive_httpx(
    base: str, make_url, total: int, clients: int, headers: dict[str, str], seed: int
) -> tuple[list[float], int, float]:
    rnd = random.Random(seed)
    urls = [make_url(rnd) for _ in range(total)]
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in urls:
        queue.put_nowait(u)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while True:
            try:
                url = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t0 = time.perf_counter()
            r = await client.get(url)
            await r.aread()
            latencies.append(time.perf_counter() - t0)
            errors += r.status_code != 200

    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=60
    ) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    return latencies, errors, elapsed


def pct(xs: list[float], p: float) -> float:
    return statistics.quantiles(xs, n=100, method="inclusive")[p - 1] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=2000, help="per endpoint")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--token", default=None, help="a bearer token (default: public)")
    ap.add_argument(
        "--client", choices=("lean", "httpx"), default="lean", help="the load generator"
    )
    ap.add_argument("--workers", type=int, default=2, help="server processes")
    ap.add_argument(
        "--db", type=Path, default=None, help="reuse this database instead of building one"
    )
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.db"
    if args.db is None or not db.exists():
        secs = build(db, args.incidents)
        print(
            f"built {args.incidents:,} incidents in {secs:.1f} s ({db.stat().st_size / 1e6:.0f} MB)"
        )
    port = free_port()
    proc = serve(db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/api/me", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        idle = memory_kb(proc.pid)
        drive = drive_lean if args.client == "lean" else drive_httpx
        asyncio.run(drive(base, list_url, 100, args.clients, headers, 0))  # warm up
        results = {}
        endpoints = (("floor (/api/me)", floor_url), ("incident list", list_url), ("map", map_url))
        for name, make in endpoints:
            lat, errors, elapsed = asyncio.run(
                drive(base, make, args.requests, args.clients, headers, 1)
            )
            results[name] = {
                "requests": len(lat),
                "errors": errors,
                "req_per_s": round(len(lat) / elapsed, 1),
                "p50_ms": round(pct(lat, 50), 1),
                "p95_ms": round(pct(lat, 95), 1),
                "p99_ms": round(pct(lat, 99), 1),
            }
        mem = memory_kb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
        tmp.cleanup()
    print(
        f"{args.incidents:,} incidents, {args.clients} concurrent clients, {'token' if args.token else 'public'} requests, {args.client} load generator"
    )
    for name, r in results.items():
        verdict = "ok" if r["p95_ms"] <= 100 else "OVER TARGET"
        if name.startswith("floor"):
            verdict = "reference"
        print(
            f"  {name:14s} p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  {r['req_per_s']:6.1f} req/s  errors {r['errors']}  [{verdict}: p95 <= 100 ms]"
        )
    print(
        f"  server memory ({mem['processes']} processes, {args.workers} workers): idle RSS {idle['VmRSS'] / 1024:.0f} MB, "
        f"after load RSS {mem['VmRSS'] / 1024:.0f} MB, peak {mem['VmHWM'] / 1024:.0f} MB"
    )
    print(json.dumps({"results": results, "memory_kb": mem, "idle_memory_kb": idle}))
    targets = [r for name, r in results.items() if not name.startswith("floor")]
    return 0 if all(r["p95_ms"] <= 100 and not r["errors"] for r in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
