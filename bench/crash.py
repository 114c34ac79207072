"""The crash test's client (bench/crash.sh drives it).

burst URL SETUP OUT ROUND: 16 clients create requests, each with its own Idempotency-Key, until the server dies;
  every call and its answer (201 with the id, another status, or none) is written to OUT as JSON lines.
verify URL SETUP OUT...: after the restart, every request answered 201 must be there, and retrying every call
  with its key must answer with the same request (200, not a second 201); calls that got no answer may be
  created by their retry, once. Prints a summary and exits 1 on any broken promise.
"""
import http.client, json, random, sys, threading, time
from urllib.parse import urlparse


def setup(path):
    tokens, rooms, categories = [], [], []
    for line in open(path):
        kind, value = line.split()
        {"token": tokens, "room": rooms, "category": categories}[kind].append(value)
    return tokens, rooms, categories


def call(url, method, path, token, body=None, key=None, timeout=15):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if key:
        headers["Idempotency-Key"] = key
    try:
        conn.request(method, path, json.dumps(body, ensure_ascii=False).encode() if body is not None else None, headers)
        r = conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data and r.getheader("Content-Type", "").find("json") >= 0 else None)
    finally:
        conn.close()


def burst(url, setup_path, out_path, round_no):
    tokens, rooms, categories = setup(setup_path)
    lock = threading.Lock()
    out = open(out_path, "w")
    dead = threading.Event()

    def client(i):
        n = 0
        while not dead.is_set():
            n += 1
            key = f"crash-{round_no}-{i}-{n}"
            token = tokens[(i + n) % len(tokens)]
            body = {"categoryCode": random.choice(categories), "roomCode": random.choice(rooms),
                    "description": "crash " + key, "urgency": random.choice(["Normal", "Urgent", "Emergency"])}
            try:
                status, data = call(url, "POST", "/api/v1/service-requests", token, body, key)
                rec = {"key": key, "token": token, "body": body, "status": status,
                       "id": data.get("id") if status in (200, 201) and data else None}
            except (OSError, http.client.HTTPException):
                rec = {"key": key, "token": token, "body": body, "status": None, "id": None}
                dead.set()
            with lock:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                out.flush()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.close()


def verify(url, setup_path, out_paths):
    calls = [json.loads(line) for p in out_paths for line in open(p)]
    answered = [c for c in calls if c["status"] == 201]
    unanswered = [c for c in calls if c["status"] is None]
    others = [c for c in calls if c["status"] not in (None, 201)]
    lost = dupes = retried_new = 0
    for c in answered:
        status, _ = call(url, "GET", f"/api/v1/service-requests/{c['id']}", c["token"])
        if status != 200:
            lost += 1
            print(f"LOST {c['key']} {c['id']} → GET {status}")
        status, data = call(url, "POST", "/api/v1/service-requests", c["token"], c["body"], c["key"])
        if status != 200 or not data or data.get("id") != c["id"]:
            dupes += 1
            print(f"RETRY {c['key']} → {status} {data and data.get('id')} (was {c['id']})")
    for c in unanswered:
        status, data = call(url, "POST", "/api/v1/service-requests", c["token"], c["body"], c["key"])
        again, data2 = call(url, "POST", "/api/v1/service-requests", c["token"], c["body"], c["key"])
        retried_new += status == 201
        if status not in (200, 201) or again != 200 or data2.get("id") != data.get("id"):
            dupes += 1
            print(f"UNANSWERED RETRY {c['key']} → {status}, then {again}")
    print(f"calls {len(calls)}: {len(answered)} answered 201, {len(unanswered)} unanswered "
          f"({retried_new} created by their retry), {len(others)} other answers; lost {lost}, duplicates {dupes}")
    for c in others[:5]:
        print("other:", c["status"], c["key"])
    return lost == 0 and dupes == 0


if __name__ == "__main__":
    mode, url, setup_path = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "burst":
        burst(url, setup_path, sys.argv[4], sys.argv[5])
    else:
        sys.exit(0 if verify(url, setup_path, sys.argv[4:]) else 1)
