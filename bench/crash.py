"""The crash test's client (bench/crash.sh drives it).

burst URL SETUP OUT ROUND BURST SERVER_PID: 16 clients create up to BURST requests, each with its own
  Idempotency-Key; once a random 20–80% of BURST have been acknowledged (201, counted here, not timed) this
  process sends the server SIGKILL. Every call and its answer (201 with the id, another status, or none) is
  written to OUT as JSON lines, each line flushed before the next call, so the log holds every acknowledgement.
verify URL SETUP OUT: after the restart, every request answered 201 must be there, and retrying every call
  with its key must answer with the same request (200, not a second 201); calls that got no answer may be
  created by their retry, once. Prints a summary line, writes OUT.summary.json, exits 1 on any broken promise.
integrity-sqlite DB: PRAGMA integrity_check and foreign_key_check on the file; prints "ok" or the problems.
note SUMMARY KEY VALUE: adds a round's other findings (ready time, integrity, audit) to its summary.
report SUMMARY...: the rounds' table and totals.
"""
import http.client, json, os, random, signal, sqlite3, sys, threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

CLIENTS = 16


def setup(path):
    tokens, rooms, categories = [], [], []
    for line in open(path):
        kind, value = line.split()
        {"token": tokens, "room": rooms, "category": categories}[kind].append(value)
    return tokens, rooms, categories


def call(url, method, path, token, body=None, key=None, timeout=30):
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


def call_patiently(url, method, path, token, body=None, key=None):
    """After the restart a slow answer is the machine's load, not a lost request: try again (with the same key)."""
    for attempt in range(5):
        try:
            return call(url, method, path, token, body, key, timeout=120)
        except (OSError, http.client.HTTPException):
            if attempt == 4:
                raise


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child stays a zombie until reaped: only a running process counts.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def burst(url, setup_path, out_path, round_no, size, server_pid):
    tokens, rooms, categories = setup(setup_path)
    lock = threading.Lock()
    out = open(out_path, "w")
    dead = threading.Event()
    kill_at = random.randint(size * 20 // 100, size * 80 // 100)
    state = {"issued": 0, "acked": 0, "killed": False}

    def client(i):
        while not dead.is_set():
            with lock:
                if state["issued"] >= size:
                    return
                state["issued"] += 1
                n = state["issued"]
            key = f"crash-{round_no}-{n}"
            token = tokens[n % len(tokens)]
            body = {"categoryCode": random.choice(categories), "roomCode": random.choice(rooms),
                    "description": "crash " + key, "urgency": random.choice(["Normal", "Urgent", "Emergency"])}
            try:
                status, data = call(url, "POST", "/api/v1/service-requests", token, body, key, timeout=300)
                rec = {"key": key, "token": token, "body": body, "status": status,
                       "id": data.get("id") if status in (200, 201) and data else None}
            except TimeoutError:  # a loaded machine, not the kill: the call stays unanswered, the burst goes on
                rec = {"key": key, "token": token, "body": body, "status": None, "id": None}
            except (OSError, http.client.HTTPException) as e:
                rec = {"key": key, "token": token, "body": body, "status": None, "id": None, "error": repr(e)}
                if alive(server_pid):
                    # Not the kill: say what it was (round 3 of an earlier run stopped here, cause unknown) and go on.
                    print(f"burst {round_no}: call {n} failed with the server alive: {e!r}", file=sys.stderr)
                else:
                    dead.set()
            with lock:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                out.flush()
                if rec["status"] == 201:
                    state["acked"] += 1
                    if state["acked"] == kill_at:
                        os.kill(server_pid, signal.SIGKILL)
                        state["killed"] = True
                        # No new calls: a dying server refuses them for a moment before it is gone, and those were
                        # never in flight at the kill (they only swelled "unanswered").
                        dead.set()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.close()
    print(f"burst {round_no}: {state['issued']} calls sent, kill after {kill_at} acknowledged", file=sys.stderr)
    return state["killed"]


def verify(url, out_path):
    calls = [json.loads(line) for line in open(out_path)]
    answered = [c for c in calls if c["status"] == 201]
    unanswered = [c for c in calls if c["status"] is None]
    others = [c for c in calls if c["status"] not in (None, 201)]
    problems = []

    def check_answered(c):
        lost = dupe = 0
        status, _ = call_patiently(url, "GET", f"/api/v1/service-requests/{c['id']}", c["token"])
        if status != 200:
            lost = 1
            problems.append(f"LOST {c['key']} {c['id']} → GET {status}")
        status, data = call_patiently(url, "POST", "/api/v1/service-requests", c["token"], c["body"], c["key"])
        if status != 200 or not data or data.get("id") != c["id"]:
            dupe = 1
            problems.append(f"RETRY {c['key']} → {status} {data and data.get('id')} (was {c['id']})")
        return lost, dupe, 0

    def check_unanswered(c):
        status, data = call_patiently(url, "POST", "/api/v1/service-requests", c["token"], c["body"], c["key"])
        again, data2 = call_patiently(url, "POST", "/api/v1/service-requests", c["token"], c["body"], c["key"])
        dupe = 0
        if status not in (200, 201) or again != 200 or not data or not data2 or data2.get("id") != data.get("id"):
            dupe = 1
            problems.append(f"UNANSWERED RETRY {c['key']} → {status}, then {again}")
        return 0, dupe, int(status == 201)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(check_answered, answered)) + list(pool.map(check_unanswered, unanswered))
    lost = sum(r[0] for r in results)
    dupes = sum(r[1] for r in results)
    retried_new = sum(r[2] for r in results)
    summary = {"calls": len(calls), "answered": len(answered), "unanswered": len(unanswered),
               "retried_new": retried_new, "others": len(others), "lost": lost, "dupes": dupes}
    json.dump(summary, open(out_path + ".summary.json", "w"))
    print(f"calls {len(calls)}: {len(answered)} answered 201, {len(unanswered)} unanswered "
          f"({retried_new} created by their retry), {len(others)} other answers; lost {lost}, duplicates {dupes}")
    for p in problems[:10]:
        print(p)
    for c in others[:5]:
        print("other:", c["status"], c["key"])
    return lost == 0 and dupes == 0


def integrity_sqlite(path):
    db = sqlite3.connect(path)
    try:
        checks = [row[0] for row in db.execute("PRAGMA integrity_check")]
        foreign = db.execute("PRAGMA foreign_key_check").fetchall()
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        db.close()
    if checks == ["ok"] and not foreign:
        print(f"ok (journal_mode {mode})")
        return True
    print("integrity_check:", checks[:10], "foreign_key_check:", foreign[:10])
    return False


def report(paths):
    rows = [json.load(open(p)) for p in paths]
    print("| round | calls | answered 201 | lost | unanswered | created by their retry | duplicates | ready after restart | integrity | audit verify |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for i, r in enumerate(rows, 1):
        print(f"| {i} | {r['calls']:,} | {r['answered']:,} | {r['lost']} | {r['unanswered']} | {r['retried_new']} | {r['dupes']} "
              f"| {r.get('ready', '?')} s ({r.get('ready_cpu', '?')} s CPU) | {r.get('integrity', '?')} | {r.get('audit', '?')} |")
    t = {k: sum(r.get(k, 0) for r in rows) for k in ("calls", "answered", "lost", "unanswered", "retried_new", "dupes")}
    ready = [float(r["ready"]) for r in rows if "ready" in r]
    cpu = [float(r["ready_cpu"]) for r in rows if "ready_cpu" in r]
    print(f"total {len(rows)} rounds: {t['calls']:,} calls, {t['answered']:,} answered 201, lost {t['lost']}, "
          f"unanswered {t['unanswered']} ({t['retried_new']} created by their retry), duplicates {t['dupes']}, "
          f"ready max {max(ready, default=0):.1f} s (CPU max {max(cpu, default=0):.1f} s), integrity clean {sum(r.get('integrity') == 'ok' for r in rows)}/{len(rows)}, "
          f"audit verified {sum(r.get('audit') == 'ok' for r in rows)}/{len(rows)}")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "burst":
        # Exit 3 when the burst ended without sending the kill (the shell cannot tell: a killed child it has not
        # reaped yet still answers `kill -0`).
        sys.exit(0 if burst(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7])) else 3)
    elif mode == "verify":
        sys.exit(0 if verify(sys.argv[2], sys.argv[4]) else 1)
    elif mode == "integrity-sqlite":
        sys.exit(0 if integrity_sqlite(sys.argv[2]) else 1)
    elif mode == "note":
        summary = json.load(open(sys.argv[2]))
        summary[sys.argv[3]] = sys.argv[4]
        json.dump(summary, open(sys.argv[2], "w"))
    elif mode == "report":
        report(sys.argv[2:])
