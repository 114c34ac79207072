"""Plans of the queries a list made (bench/lists.sh): reads a log with "=== PLAN name" markers.

plans.py sqlite SERVER_LOG DB: the EF Core commands logged (Information) between markers, each with SQLite's
  EXPLAIN QUERY PLAN (parameters unbound: SQLite plans without their values).
plans.py postgres PG_LOG _: auto_explain's plans (ANALYZE, BUFFERS) logged between markers.
Only statements on service_requests are shown.
"""
import re, sqlite3, sys


def sections(lines):
    name, block = None, []
    for line in lines:
        if line.startswith("=== PLAN"):
            if name:
                yield name, block
            name, block = line[9:].strip(), []
        elif name:
            block.append(line.rstrip("\n"))


def sqlite_commands(block):
    sql, inside = [], False
    for line in block:
        if "Executed DbCommand" in line:
            if sql:
                yield "\n".join(sql)
            sql, inside = [], True
        elif inside and line.startswith("      "):
            sql.append(line[6:])
        else:
            if sql:
                yield "\n".join(sql)
            sql, inside = [], False
    if sql:
        yield "\n".join(sql)


def pg_plans(block):
    plan = None
    for line in block:
        if "LOG:  duration:" in line and "plan:" in line:
            if plan:
                yield plan
            plan = [line.split("LOG:  ", 1)[1]]
        elif plan is not None and line.startswith("\t"):
            plan.append(line[1:])
        elif plan is not None:
            yield plan
            plan = None
    if plan:
        yield plan


def main(db, log, path):
    lines = open(log, encoding="utf-8", errors="replace").readlines()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if db == "sqlite" else None
    for name, block in sections(lines):
        if name == "end":
            continue
        print("===", name)
        if db == "sqlite":
            for sql in sqlite_commands(block):
                if "service_requests" not in sql:
                    continue
                print("  SQL:", " ".join(sql.split())[:900])
                params = {p: None for p in re.findall(r"@(\w+)", sql)}
                for row in con.execute("EXPLAIN QUERY PLAN " + sql, params):
                    print("  " + "  " * 0 + row[3])
        else:
            for plan in pg_plans(block):
                text = "\n".join(plan)
                if "service_requests" not in text:
                    continue
                print("  " + plan[0])
                for line in plan[1:]:
                    if line.startswith("Query Text:"):
                        print("  SQL:", " ".join(line[12:].split())[:900])
                    else:
                        print("  " + line)


if __name__ == "__main__":
    main(*sys.argv[1:4])
