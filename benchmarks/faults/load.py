#!/usr/bin/env python3
"""Mixed load against one or more RiverGis instances (loopback only), recording every status and latency and every
acknowledged issue: routing, feature pages, issue filing with Idempotency-Keys (retried with the same key on 503 or a
broken connection, on the next instance when several are given: what a load balancer does), and transitions.

  load.py --base http://127.0.0.1:PORT[,http://127.0.0.1:PORT2] --points points.tsv --seconds 60 --out DIR
          [--threads 12] [--token TOKEN]

Writes DIR/acknowledged.tsv (key, issue id, status) and DIR/stats.json (requests/s, p50/p99, status counts)."""
import argparse, http.client, json, os, random, sys, threading, time, uuid
from urllib.parse import urlparse

parser = argparse.ArgumentParser()
parser.add_argument("--base", required=True)
parser.add_argument("--points", required=True)
parser.add_argument("--seconds", type=float, default=60)
parser.add_argument("--threads", type=int, default=12)
parser.add_argument("--out", required=True)
parser.add_argument("--token", default=os.environ.get("RIVERGIS_TOKEN"))
parser.add_argument("--mix", default="routing:6,pages:2,issues:2")
args = parser.parse_args()

bases = [urlparse(b) for b in args.base.split(",")]
points = [tuple(map(float, line.split("\t"))) for line in open(args.points) if "\t" in line]
mix = [(name, int(weight)) for name, weight in (part.split(":") for part in args.mix.split(","))]
lock = threading.Lock()
latencies, statuses, errors, acknowledged, transitions = [], {}, {}, [], {}
deadline = time.time() + args.seconds
CATEGORIES = ["garbage", "dumping", "encroachment", "illegal_discharge", "other"]


def headers(extra=None):
    h = {"Accept": "application/json"}
    # Issue 10 (accounts and roles): transitions need an authorised caller; a token is one flag (or RIVERGIS_TOKEN).
    if args.token:
        h["Authorization"] = "Bearer " + args.token
    h.update(extra or {})
    return h


def call(base_index, method, path, body=None, extra=None):
    base = bases[base_index % len(bases)]
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers(extra))
        response = connection.getresponse()
        data = response.read()
        status = response.status
    except (OSError, http.client.HTTPException) as e:
        status, data = None, type(e).__name__
    finally:
        connection.close()
    elapsed = time.perf_counter() - started
    with lock:
        latencies.append(elapsed)
        if status is None:
            errors[data] = errors.get(data, 0) + 1
        else:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
    return status, data


def routing(worker):
    lon, lat = random.choice(points)
    call(worker, "GET", f"/api/responsible?lon={lon:.6f}&lat={lat:.6f}")


def pages(worker):
    lon, lat = random.choice(points)
    bbox = f"{lon - 0.05:.4f},{lat - 0.05:.4f},{lon + 0.05:.4f},{lat + 0.05:.4f}"
    collection = random.choice(["segments", "rivers", "issues"])
    call(worker, "GET", f"/features/collections/{collection}/items?limit=100&bbox={bbox}")


def issues(worker):
    lon, lat = random.choice(points)
    key = "soak-" + uuid.uuid4().hex
    body = json.dumps({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                       "properties": {"category": random.choice(CATEGORIES), "description": "压测上报 " + key, "source": "patrol"}},
                      ensure_ascii=False).encode()
    attempt = 0
    while time.time() < deadline + 30:
        status, data = call(worker + attempt, "POST", "/api/issues", body, {"Content-Type": "application/json", "Idempotency-Key": key})
        if status in (200, 201):
            issue = json.loads(data)
            issue_id, chief = issue["id"], (issue["properties"].get("chief") or {}).get("id")
            with lock:
                acknowledged.append((key, issue_id, status))
            if status == 201 and chief and random.random() < 0.5:
                if transition(worker, issue_id, {"action": "assign", "actor": "河长办值班员", "note": "压测交办", "chief_id": chief}) == 200:
                    transition(worker, issue_id, {"action": "start_rectification", "actor": chief, "note": "开始整改"})
            return
        if status is not None and status != 503:
            return  # counted; a 4xx is not retried
        attempt += 1
        time.sleep(0.5)


def transition(worker, issue_id, action):
    body = json.dumps(action, ensure_ascii=False).encode()
    status, data = call(worker, "POST", f"/api/issues/{issue_id}/transitions", body, {"Content-Type": "application/json"})
    with lock:
        if status not in transitions and str(status) not in transitions and status is not None and status >= 400:
            print(f"transition {issue_id}: {status} {data[:300]!r}", file=sys.stderr)
        transitions[str(status)] = transitions.get(str(status), 0) + 1
    return status


def worker(index):
    random.seed(index * 7919)
    kinds = [name for name, weight in mix for _ in range(weight)]
    while time.time() < deadline:
        globals()[random.choice(kinds)](index)


started = time.time()
threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
for t in threads:
    t.start()
for t in threads:
    t.join()
duration = time.time() - started
latencies.sort()
pct = lambda p: round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000, 2) if latencies else None
os.makedirs(args.out, exist_ok=True)
with open(os.path.join(args.out, "acknowledged.tsv"), "w") as f:
    for key, issue_id, status in acknowledged:
        f.write(f"{key}\t{issue_id}\t{status}\n")
stats = {"seconds": round(duration, 1), "requests": len(latencies), "requests_per_s": round(len(latencies) / duration, 1),
         "p50_ms": pct(50), "p99_ms": pct(99), "statuses": statuses, "connection_errors": errors,
         "acknowledged_issues": len(acknowledged), "transition_statuses": transitions}
json.dump(stats, open(os.path.join(args.out, "stats.json"), "w"), indent=1)
print(json.dumps(stats))
