# SQL for bench/scorecards.sh, printed for one database (sqlite|postgres): a year of the office's work behind a
# month's scorecards. Identifiers are double-quoted, which both databases read; only ids, instants, dates and
# number series differ. Phases:
#   staff      STAFF users holding one post each (three daily tasks) across the campus's teams → table bench_staff
#   requests   the Column=expression overrides bench_fill_requests takes, one a line: a request every STEP seconds
#              from December 2025, its commitments kept on time or late in realistic fractions
#   facts      ratings (≈ 27% real, ≈ 3% default), self-evaluations, rejected completions and declined hand-offs
#              (audit events), complaints upheld or not, a few decided cases, a year of checklists and work-log days
#   worst      every request's commitments moved into the measured month (the worst case for the month's queries)
import datetime
import sys

db, phase, rows, staff = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sqlite = db == "sqlite"
START = "2025-11-30 16:00:00"  # Beijing midnight, 1 December 2025
STEP = max(1, 30_000_000 // rows)  # seconds between requests: about 347 days of them
MONTH_START = "2026-09-30 16:00:00"  # Beijing midnight, 1 October 2026: the measured month
WORST_STEP = max(1, 2_000_000 // rows)  # 23 days of the measured month
FIRST_DAY, LAST_DAY = datetime.date(2025, 12, 1), datetime.date(2026, 11, 27)

NEWID = ("upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || "
         "hex(randomblob(2)) || '-' || hex(randomblob(6)))") if sqlite else "gen_random_uuid()"


def at(base, seconds):
    """An instant `seconds` after `base` (a column or a quoted literal)."""
    if sqlite:
        return f"strftime('%Y-%m-%d %H:%M:%S', {base}, '+' || ({seconds}) || ' seconds')"
    if base.startswith("'"):
        base = f"timestamptz {base[:-1]}+00'"
    return f"({base} + ({seconds}) * interval '1 second')"


def ts(text):
    return f"'{text}'" if sqlite else f"timestamptz '{text}+00'"


def day_at(day, hours):
    """An instant `hours` (UTC) into the date `day`."""
    if sqlite:
        return f"strftime('%Y-%m-%d %H:%M:%S', {day}, '{hours:+d} hours')"
    return f"(({day} + interval '{hours} hours') AT TIME ZONE 'UTC')"


def date(d):
    return f"'{d.isoformat()}'" if sqlite else f"date '{d.isoformat()}'"


def series(n):
    """Rows s.n = 0 … n-1."""
    if sqlite:
        return f"(WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < {n - 1}) SELECT n FROM c) s"
    return f"generate_series(0, {n - 1}) s(n)"


def pad(n):
    return f"printf('%03d', {n})" if sqlite else f"lpad(({n})::text, 3, '0')"


def guid_text(col):
    return f"lower({col})" if sqlite else f"({col})::text"


def times(n, base, step):
    """A request's instants, from its number n: acknowledged (90% on time), on site (≈ 82% on time, 5% without a
    visit), completed (80% on time) and confirmed (90%; the rest await the requester), 1% referred elsewhere. The
    fractions are drawn modulo primes (97, 7), so that every person gets their share (the handler is n % STAFF)."""
    c = f"({n}) * {step}"
    return {
        "Status": f"CASE WHEN ({n}) % 97 = 50 THEN 'Referred' WHEN ({n}) % 97 >= 88 THEN 'Completed' ELSE 'Confirmed' END",
        "CreatedAt": at(base, c),
        "AcknowledgeBy": at(base, f"{c} + 1800"),
        "AcknowledgedAt": at(base, f"{c} + CASE WHEN ({n}) % 97 < 87 THEN 600 ELSE 3600 END"),
        "ArriveBy": at(base, f"{c} + 14400"),
        "ArrivedAt": f"CASE WHEN ({n}) % 97 < 5 THEN NULL ELSE {at(base, f'{c} + CASE WHEN ({n}) % 7 < 6 THEN 7200 ELSE 21600 END')} END",
        "ResolveBy": at(base, f"{c} + 172800"),
        "CompletedAt": at(base, f"{c} + CASE WHEN ({n}) % 97 < 78 THEN 86400 ELSE 259200 END"),
        "ConfirmedAt": f"CASE WHEN ({n}) % 97 >= 88 THEN NULL ELSE {at(base, f'{c} + CASE WHEN ({n}) % 97 < 78 THEN 172800 ELSE 345600 END')} END",
    }


def staff_phase():
    teams = """(SELECT "Id", row_number() OVER (ORDER BY "Code") - 1 AS i, count(*) OVER () AS c FROM teams)"""
    print(f"""
CREATE TABLE bench_staff AS
  SELECT s.n AS k, {NEWID} AS "UserId", 'bench-' || {pad('s.n')} AS "UserName", {NEWID} AS "PostId", tm."Id" AS "TeamId"
  FROM {series(staff)} JOIN {teams} tm ON tm.i = s.n % tm.c;
INSERT INTO "AspNetUsers" ("Id", "DisplayName", "Kind", "Disabled", "CreatedAt", "Phone", "Department", "StudentNo",
  "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp",
  "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled",
  "AccessFailedCount")
SELECT b."UserId", '员工' || {pad('b.k')}, t."Kind", false, t."CreatedAt", NULL, t."Department", NULL,
  b."UserName", upper(b."UserName"), b."UserName" || '@bench.invalid', upper(b."UserName" || '@bench.invalid'), true,
  t."PasswordHash", {NEWID}, {NEWID}, NULL, false, false, NULL, true, 0
FROM bench_staff b CROSS JOIN (SELECT * FROM "AspNetUsers" WHERE "UserName" = 'water1') t;
INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
SELECT b."UserId", r."Id" FROM bench_staff b CROSS JOIN "AspNetRoles" r WHERE r."Name" = 'Staff';
INSERT INTO posts ("Id", "Code", "Name", "TeamId", "Categories", "RoundTheClock")
SELECT b."PostId", 'BENCH-' || {pad('b.k')}, '岗位' || {pad('b.k')}, b."TeamId", t."Categories", false
FROM bench_staff b CROSS JOIN (SELECT * FROM posts ORDER BY "Code" LIMIT 1) t;
INSERT INTO post_assignments ("Id", "PostId", "UserId", "From", "To")
SELECT {NEWID}, b."PostId", b."UserId", {ts('2025-01-01 00:00:00')}, NULL FROM bench_staff b;
CREATE TABLE bench_tasks AS
  SELECT {NEWID} AS "Id", b."PostId", b."UserId", b.k, i.i
  FROM bench_staff b CROSS JOIN (SELECT 1 AS i UNION ALL SELECT 2 UNION ALL SELECT 3) i;
INSERT INTO daily_tasks ("Id", "PostId", "Title", "WindowStart", "WindowEnd", "PhotoRequired", "ReadingUnit", "CreatedAt", "RetiredAt")
SELECT "Id", "PostId", '巡检 ' || i, {"'08:00:00'" if sqlite else "time '08:00'"}, {"'10:00:00'" if sqlite else "time '10:00'"},
  false, NULL, {ts('2025-01-01 00:00:00')}, NULL
FROM bench_tasks;""")


def requests_phase():
    for col, expr in times("s.n", f"'{START}'", STEP).items():
        print(f"{col}={expr}")
    # Who answers for on site (ADR 0026), as times() has it: the handler came first, and the handler missed it when
    # nobody came or came late (n % 7 = 6 arrives after ArriveBy). The worst phase keeps these: it moves the same n.
    print("ArrivedById=CASE WHEN s.n % 97 < 5 THEN NULL ELSE h.{UserId} END")
    print("ArriveMissedById=CASE WHEN s.n % 97 < 5 OR s.n % 7 = 6 THEN h.{UserId} ELSE NULL END")


def facts_phase():
    y = '"Year" = 2025'
    days = " UNION ALL ".join(
        f"SELECT {j} AS j, {date(d)} AS d"
        for j, d in enumerate(d for d in (FIRST_DAY + datetime.timedelta(i) for i in range((LAST_DAY - FIRST_DAY).days + 1))
                              if d.weekday() < 5))
    deputy = """(SELECT "Id" FROM "AspNetUsers" WHERE "UserName" = 'deputy')"""
    print(f"""
INSERT INTO ratings ("Id", "RequestId", "RequesterId", "Timeliness", "Quality", "Attitude", "Satisfaction", "Comment", "IsDefault", "At")
SELECT {NEWID}, "Id", "RequesterId", 3 + "Sequence" % 3, 2 + "Sequence" % 97 % 4, 4 + "Sequence" % 97 % 2, 1 + "Sequence" % 7 % 5, NULL, false, "ConfirmedAt"
FROM service_requests WHERE {y} AND "Status" = 'Confirmed' AND "Sequence" % 97 < 29;
INSERT INTO ratings ("Id", "RequestId", "RequesterId", "Timeliness", "Quality", "Attitude", "Satisfaction", "Comment", "IsDefault", "At")
SELECT {NEWID}, "Id", NULL, NULL, NULL, NULL, NULL, NULL, true, "ConfirmedAt"
FROM service_requests WHERE {y} AND "Status" = 'Confirmed' AND "Sequence" % 97 BETWEEN 29 AND 31;
INSERT INTO self_evaluations ("Id", "RequestId", "EvaluatorId", "Timeliness", "Quality", "Attitude", "Satisfaction", "Comment", "At")
SELECT {NEWID}, "Id", "HandlerId", 4 + "Sequence" % 3 % 2, 4, 5, 4 + "Sequence" % 7 % 2, NULL, "CompletedAt"
FROM service_requests WHERE {y} AND "Status" = 'Confirmed' AND "Sequence" % 97 < 19;
INSERT INTO audit_events ("At", "Actor", "Action", "SubjectType", "SubjectId", "Data", "Reason")
SELECT {at('"CompletedAt"', 7200)}, 'water1', 'service_request.completion_rejected', 'ServiceRequest', {guid_text('"Id"')}, '{{}}', '没有修好'
FROM service_requests WHERE {y} AND "Sequence" % 97 IN (40, 41);
INSERT INTO audit_events ("At", "Actor", "Action", "SubjectType", "SubjectId", "Data", "Reason")
SELECT {at('r."CreatedAt"', 1200)}, u."UserName", 'service_request.handoff_declined', 'ServiceRequest', {guid_text('r."Id"')}, '{{}}', '不属本班组'
FROM service_requests r JOIN "AspNetUsers" u ON u."Id" = r."HandlerId" WHERE r.{y} AND r."Sequence" % 97 IN (60, 61);
INSERT INTO complaints ("Id", "RequestId", "Number", "ComplainantId", "Kind", "StaffId", "StaffTeamId", "ResponsibleId", "Text",
  "ShareIdentity", "FiledAt", "AnswerBy", "Overdue", "Status", "Answer", "AnsweredById", "AnsweredAt", "Upheld", "Version")
SELECT {NEWID}, "Id", 'BENCH-C-' || "Sequence", "RequesterId", CASE WHEN "Sequence" % 998 = 17 THEN 'BuckPassing' ELSE 'Attitude' END,
  "HandlerId", "TeamId", {deputy}, '态度不好', false, {at('"CompletedAt"', 3600)}, {at('"CompletedAt"', 3600 + 3 * 86400)}, false,
  'Answered', '经核实', {deputy}, {at('"CompletedAt"', 2 * 86400)}, ("Sequence" / 499) % 3 <> 0, {NEWID}
FROM service_requests WHERE {y} AND "Sequence" % 499 = 17;
INSERT INTO accountability_cases ("Id", "Origin", "Ground", "Summary", "OpenedAt", "OpenedById", "ComplaintId", "Status",
  "InvestigatorId", "AnswerBy", "Decision", "Sanction", "PenaltyPoints", "Findings", "DecidedById", "DecidedAt", "Version")
SELECT {NEWID}, 'Complaint', 'UpheldComplaint', '投诉属实', c."AnsweredAt", NULL, c."Id", 'Decided', {deputy}, NULL,
  CASE (r."Sequence" / 4990) % 3 WHEN 1 THEN 'Upheld' WHEN 2 THEN 'PartlyUpheld' ELSE 'Dismissed' END,
  CASE (r."Sequence" / 4990) % 3 WHEN 1 THEN 'PenaltyPoints' WHEN 2 THEN 'Warning' ELSE 'None' END,
  CASE (r."Sequence" / 4990) % 3 WHEN 1 THEN 3 ELSE 0 END, '查明', {deputy}, {at('c."AnsweredAt"', 7 * 86400)}, {NEWID}
FROM complaints c JOIN service_requests r ON r."Id" = c."RequestId"
WHERE c."Upheld" AND c."Number" LIKE 'BENCH-C-%' AND (r."Sequence" / 499) % 10 IN (1, 2);
INSERT INTO accountability_case_accused ("UserId", "CaseId", "Answer", "AnsweredAt")
SELECT c."StaffId", k."Id", NULL, NULL FROM accountability_cases k JOIN complaints c ON c."Id" = k."ComplaintId"
WHERE c."Number" LIKE 'BENCH-C-%';
CREATE TABLE bench_days AS {days};
CREATE TABLE bench_checklists AS
  SELECT {NEWID} AS "Id", b."PostId", b."UserId", b.k, d.j, d.d FROM bench_staff b CROSS JOIN bench_days d;
INSERT INTO daily_checklists ("Id", "PostId", "Date", "UserId", "OpenedAt")
SELECT "Id", "PostId", d, "UserId", {day_at('d', -8)} FROM bench_checklists;
INSERT INTO checklist_items ("Id", "ChecklistId", "TaskId", "PostId", "Date", "UserId", "Title", "WindowFrom", "WindowTo",
  "PhotoRequired", "ReadingUnit", "Status", "DoneAt", "Reading", "PhotoName", "PhotoContentType", "MissedAt")
SELECT {NEWID}, c."Id", t."Id", c."PostId", c.d, c."UserId", '巡检 ' || t.i, {day_at('c.d', 0)}, {day_at('c.d', 2)}, false, NULL,
  CASE WHEN (c.k + c.j + t.i) % 20 = 0 THEN 'Missed' ELSE 'Done' END,
  CASE WHEN (c.k + c.j + t.i) % 20 = 0 THEN NULL ELSE {day_at('c.d', 1)} END, NULL, NULL, NULL,
  CASE WHEN (c.k + c.j + t.i) % 20 = 0 THEN {day_at('c.d', 2)} ELSE NULL END
FROM bench_checklists c JOIN bench_tasks t ON t."PostId" = c."PostId";
INSERT INTO work_log_days ("Id", "UserId", "Date", "ClosedAt", "Satisfaction", "SelfComment", "ReviewedById", "ReviewedAt", "LeaderComment")
SELECT {NEWID}, b."UserId", d.d, CASE WHEN (b.k + d.j) % 10 = 0 THEN NULL ELSE {day_at('d.d', 10)} END, 4, NULL, NULL, NULL, NULL
FROM bench_staff b CROSS JOIN bench_days d;""")


def worst_phase():
    sets = ", ".join(f'"{col}" = {expr}' for col, expr in times('"Sequence"', f"'{MONTH_START}'", WORST_STEP).items()
                     if col != "Status")
    print(f'UPDATE service_requests SET {sets} WHERE "Year" = 2025;')


if sqlite and phase != "requests":
    print("PRAGMA synchronous=OFF;")
{"staff": staff_phase, "requests": requests_phase, "facts": facts_phase, "worst": worst_phase}[phase]()
