"""Bounded load test of `preflight serve` on loopback (not run in CI; figures in docs/service.md).

    python bench/load_service.py                      # 16 clients, 30 s, server started here
    python bench/load_service.py --clients 8 --seconds 10 --url http://127.0.0.1:8000

A fixed number of concurrent clients upload generated, real-sized phone photos and scans for a
fixed time, each waiting for its answer before sending the next; then the run stops by itself.
It prints requests per second, p50/p99 latency and the status counts (5xx must be 0), and
writes them to bench/results/load_service.json. Only loopback URLs are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import cv2
import httpx
import numpy as np

REPO = Path(__file__).resolve().parents[1]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_REQUESTS_PER_CLIENT = 10_000  # a second bound besides the clock


def photo(width: int, height: int, seed: int) -> bytes:
    """A phone-photo-like JPEG: textured desk, a bright document with text lines, sensor noise."""
    rng = np.random.default_rng(seed)
    img = np.empty((height, width, 3), np.uint8)
    img[:] = (70, 95, 125)
    x0, y0, x1, y1 = width // 10, height // 8, width * 9 // 10, height * 7 // 8
    cv2.rectangle(img, (x0, y0), (x1, y1), (232, 236, 240), -1)
    step = max(20, height // 30)
    for i, y in enumerate(range(y0 + 2 * step, y1 - step, step)):
        cv2.putText(img, f"LINE {i:02d} 1234567890 ABCDEFGH", (x0 + step, y),
                    cv2.FONT_HERSHEY_SIMPLEX, step / 40, (35, 35, 35), max(1, step // 12))
    noise = rng.normal(0, 6, img.shape)
    img = np.clip(img + noise, 0, 255).astype(np.uint8)
    return cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()


def uploads() -> list[tuple[str, bytes, str]]:
    """(file name, bytes, role): 12 MP and 8 MP phone photos, a 300 dpi ID scan, a portrait."""
    return [("id_front.jpg", photo(4032, 3024, 1), "id_front"),
            ("license.jpg", photo(3264, 2448, 2), "business_license"),
            ("id_back_scan.jpg", photo(1011, 638, 3), "id_back"),
            ("authorization.jpg", photo(2480, 3508, 4), "host_authorization")]


async def client(base: str, files: list[tuple[str, bytes, str]], deadline: float, offset: int,
                 results: list[tuple[int, float]]) -> None:
    """Send uploads one after another until the deadline; record (status, seconds)."""
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        for i in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            name, data, role = files[(offset + i) % len(files)]
            t0 = time.monotonic()
            try:
                r = await http.post("/v1/check", files={"file": (name, data, "image/jpeg")},
                                    data={"role": role, "province": "广东"})
                status = r.status_code
            except httpx.HTTPError:
                status = 0  # connection failure, counted apart
            results.append((status, time.monotonic() - t0))


def summarize(results: list[tuple[int, float]], seconds: float, clients: int,
              sizes: list[int]) -> dict[str, object]:
    """Throughput, latency percentiles (of successful requests) and status counts."""
    ok = sorted(t for s, t in results if s == 200)
    q = statistics.quantiles(ok, n=100, method="inclusive") if len(ok) >= 2 else [float("nan")] * 99
    return {
        "clients": clients, "seconds": round(seconds, 1), "requests": len(results),
        "requests_per_second": round(len(results) / seconds, 2),
        "p50_ms": round(q[49] * 1000), "p99_ms": round(q[98] * 1000),
        "status_counts": dict(Counter(str(s) for s, _ in results)),
        "server_errors_5xx": sum(1 for s, _ in results if s >= 500),
        "upload_sizes_kb": [round(n / 1024) for n in sizes], "cpu_count": os.cpu_count(),
    }


def start_server(workers: int | None) -> tuple[subprocess.Popen[bytes], str]:
    """`preflight serve` on a free loopback port; returns once /healthz answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "preflight", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd + (["--workers", str(workers)] if workers else []), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                return proc, base
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("the server did not start within 60 s")


def main() -> None:
    """Parse options, run the bounded load, print and save the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--url", help="an already running service (loopback only)")
    ap.add_argument("--workers", type=int, help="worker processes of the server started here")
    args = ap.parse_args()
    if not (1 <= args.clients <= 256 and 1 <= args.seconds <= 600):
        raise SystemExit("--clients must be 1..256 and --seconds 1..600")
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        raise SystemExit("only loopback URLs (127.0.0.1, localhost, ::1) are accepted")
    files = uploads()
    proc, base = (None, args.url.rstrip("/")) if args.url else start_server(args.workers)
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=5) as r:
            health = json.load(r)
        with urllib.request.urlopen(base + "/v1/checks", timeout=5) as r:
            checks = [c["code"] for c in json.load(r)["checks"]]  # the figures depend on these
        results: list[tuple[int, float]] = []
        t0 = time.monotonic()
        deadline = t0 + args.seconds

        async def run_all() -> None:
            await asyncio.gather(*(client(base, files, deadline, i, results)
                                   for i in range(args.clients)))

        asyncio.run(run_all())
        figures = summarize(results, time.monotonic() - t0, args.clients, [len(f[1]) for f in files])
        figures["server_workers"] = health.get("workers")
        figures["checks"] = len(checks)
        figures["load_average_1min_at_end"] = round(os.getloadavg()[0], 1)  # shared machines
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
    out = REPO / "bench" / "results" / "load_service.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    sys.exit(1 if figures["server_errors_5xx"] else 0)


if __name__ == "__main__":
    main()
