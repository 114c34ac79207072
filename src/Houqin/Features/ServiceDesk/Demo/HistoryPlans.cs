using Houqin.Features.Accountability;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Calendar;

namespace Houqin.Features.ServiceDesk.Demo;

/// <summary>
/// The stories of the history: a few requests a working day (fewer at weekends and holidays), most done on
/// time and rated well; some late and escalated, bounced between teams, reopened, paused for parts with an
/// extension, left to confirm themselves, referred elsewhere or complained about; and a dozen still open now.
/// Times are minutes on each request's own clock (working time for normal requests), so the rules hold.
/// </summary>
internal sealed class HistoryPlans(HistoryRun run, HistoryWorld world, WorkingCalendar calendar, DeskPolicy desk, Random random)
{
    private static readonly (string Code, int Weight)[] CategoryWeights =
    [
        ("water-leak", 10), ("water-pipe", 8), ("water-drain", 7), ("power-outage", 4), ("lighting", 10), ("socket", 6), ("carpentry-repair", 3),
        ("ac-fault", 8), ("door-lock", 7), ("window-glass", 4), ("bed-desk", 6), ("public-area", 6), ("tree-pruning", 2), ("meeting-setup", 3),
    ];

    private static readonly string[] EmergencyCategories = ["water-leak", "power-outage", "socket"];

    public void Plan(DateTime start, DateTime end)
    {
        var first = WorkingCalendar.LocalDate(start);
        var last = WorkingCalendar.LocalDate(end).AddDays(-4);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var count = calendar.IsWorkingDay(day) ? random.Next(3, 7) : random.Next(0, 3);
            for (var i = 0; i < count; i++)
            {
                Regular(day);
            }
        }
        Complaints(first, end);
        OpenNow(end);
    }

    private int U(int from, int to) => random.Next(from, to + 1);

    private void Regular(DateOnly day)
    {
        var roll = random.Next(100);
        if (roll >= 96)
        {
            Referral(day);
            return;
        }
        var c = NewCase(day);
        Action<HistoryCase> story = roll switch
        {
            < 52 => Happy,
            < 58 => LowRating,
            < 68 => AutoConfirmed,
            < 74 => LateAcknowledgement,
            < 80 => LateResolution,
            < 84 => Extension,
            < 89 => Bounce,
            < 93 => Reopened,
            _ => EscalatedByHand,
        };
        story(c);
    }

    private HistoryCase NewCase(DateOnly day, string? category = null, Urgency? urgency = null, int? hour = null, string? requester = null, bool logged = false)
    {
        var code = category ?? Pick(CategoryWeights);
        var u = urgency ?? (EmergencyCategories.Contains(code) && random.NextDouble() < 0.15 ? Urgency.Emergency : random.NextDouble() < 0.15 ? Urgency.Urgent : Urgency.Normal);
        var h = hour ?? (u != Urgency.Normal && random.NextDouble() < 0.25 ? random.Next(0, 24) : random.Next(8, 22));
        var created = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(h, random.Next(60))), WorkingCalendar.Zone);
        return NewCase(created, code, u, requester, logged || (requester is null && random.NextDouble() < 0.25));
    }

    private HistoryCase NewCase(DateTime created, string code, Urgency urgency, string? requester, bool logged, string? loggedBy = null)
    {
        var category = world.Categories[code];
        var team = world.TeamsByPost[category.PostCode];
        var logger = loggedBy ?? (logged ? DemoRoster.OnDuty("front-desk", created) ?? DemoRoster.OnDuty(team.Post, created) : null);
        var teacher = requester?.StartsWith("teacher", StringComparison.Ordinal) ?? (logger is null && random.NextDouble() < 0.25);
        var who = logger is null ? requester ?? (teacher ? world.Teachers : world.Students)[random.Next((teacher ? world.Teachers : world.Students).Count)] : null;
        BuildingKind[] kinds = code == "meeting-setup" ? [BuildingKind.Office, BuildingKind.Teaching]
            : teacher ? [BuildingKind.Office, BuildingKind.Teaching, BuildingKind.Laboratory, BuildingKind.Dormitory]
            : [BuildingKind.Dormitory, BuildingKind.Dormitory, BuildingKind.Teaching, BuildingKind.Library, BuildingKind.Canteen, BuildingKind.Sports];
        var kind = kinds[random.Next(kinds.Length)];
        var rooms = world.Rooms.Where(r => r.Kind == kind).ToList();
        var room = rooms[random.Next(rooms.Count)];
        var texts = HistoryTexts.ByCategory[code];
        var c = new HistoryCase(category, desk.CommitmentFor(category.Code, world.ParentCodes[category.Code], urgency), team, room, created, calendar)
        {
            Description = texts.Descriptions[random.Next(texts.Descriptions.Length)],
            Requester = who,
            Owner = logger ?? DemoRoster.OnDuty(team.Post, created) ?? team.Leader ?? "deputy",
        };
        if (logger is not null)
        {
            c.Channel = random.NextDouble() switch
            {
                < 0.6 => Channel.Phone,
                < 0.85 => Channel.Counter,
                _ => Channel.Message,
            };
            c.CallerName = HistoryTexts.CallerSurnames[random.Next(HistoryTexts.CallerSurnames.Length)] + HistoryTexts.CallerTitles[random.Next(HistoryTexts.CallerTitles.Length)];
            c.CallerPhone = $"139{random.Next(10_000_000, 99_999_999)}";
        }
        // A call logged by someone outside the team goes to whoever receives at the post, as intake routes it (ADR 0022).
        c.Handler = logger is null || team.Workers.Contains(logger) || team.Leader == logger ? c.Owner : DemoRoster.OnDuty(team.Post, created) ?? team.Leader ?? "deputy";
        run.Create(c);
        return c;
    }

    private string Pick((string Code, int Weight)[] weights)
    {
        var roll = random.Next(weights.Sum(w => w.Weight));
        foreach (var (code, weight) in weights)
        {
            if ((roll -= weight) < 0)
            {
                return code;
            }
        }
        return weights[^1].Code;
    }

    /// <summary>Acknowledge, on site and done within the commitments.</summary>
    private (int Ack, int Arrive, int Done) OnTime(HistoryCase c)
    {
        switch (c.Urgency)
        {
            case Urgency.Emergency:
                var ack = U(1, 4);
                var arrive = U(ack + 10, c.Commitment.Arrive.Minutes - 2);
                return (ack, arrive, arrive + U(20, 300));
            case Urgency.Urgent:
                ack = U(3, 26);
                arrive = U(ack + 12, 115);
                return (ack, arrive, arrive + U(30, 600));
            default:
                ack = U(3, 26);
                arrive = U(ack + 12, 420);
                return (ack, arrive, Math.Min(arrive + U(30, 240), 1340));
        }
    }

    /// <summary>The handler acknowledges; someone who does not do the work hands it to the team's person on duty; then on site.</summary>
    private void Start(HistoryCase c, int ack, int arrive, string? wrong = null)
    {
        run.Acknowledge(c, c.On(ack), c.Handler);
        var next = ack;
        if (wrong is not null)
        {
            run.HandOff(c, c.On(ack + 1), c.Handler, wrong, "请协助处理");
            run.Decline(c, c.On(ack + 1 + U(2, 6)), wrong, "不属于我们组的职责范围，请转交相应班组");
            // A declined hand-off returns to the first-contact owner.
            c.Handler = c.Owner;
            next = ack + 8;
        }
        if (!c.Team.Workers.Contains(c.Handler))
        {
            var at = c.On(next + 1);
            var from = c.Handler;
            c.Handler = DemoRoster.OnDuty(c.Team.Post, at) is { } onDuty && c.Team.Workers.Contains(onDuty) ? onDuty : c.Team.Workers[random.Next(c.Team.Workers.Count)];
            run.HandOff(c, at, from, c.Handler, "转交值班师傅上门处理", c.Team.Post);
            run.Accept(c, c.On(next + 2 + U(0, 2)), c.Handler);
        }
        run.Arrive(c, c.On(arrive), c.Handler);
    }

    private DateTime Finish(HistoryCase c, DateTime at, bool again = false)
    {
        var texts = HistoryTexts.ByCategory[c.Category.Code];
        run.Complete(c, at, c.Handler, texts.Method, again ? "返工后" + texts.Result : texts.Result, texts.Materials);
        // The handler evaluates their own work once, if at all: a reworked request is not evaluated again.
        if (random.NextDouble() < 0.3 && !again)
        {
            run.SelfEvaluate(c, at.AddMinutes(U(5, 90)), new Scores(U(4, 5), U(4, 5), 5, U(4, 5)));
        }
        return at;
    }

    /// <summary>The requester confirms within a day or so and usually rates; returns when they last acted.</summary>
    private DateTime Close(HistoryCase c, DateTime done, Scores? scores, string? comment)
    {
        var confirmed = HistoryCase.Awake(done.AddMinutes(U(30, 36 * 60)), U(0, 600));
        run.Confirm(c, confirmed);
        if (c.Requester is null || scores is not { } s)
        {
            return confirmed;
        }
        var rated = confirmed.AddMinutes(U(1, 120));
        run.Rate(c, rated, s, comment);
        return rated;
    }

    private int Good() => random.NextDouble() switch
    {
        < 0.62 => 5,
        < 0.92 => 4,
        _ => 3,
    };

    private Scores? GoodScores() => random.NextDouble() < 0.85 ? new Scores(Good(), Good(), Good(), Good()) : null;

    private Scores Middling() => new(U(2, 4), U(3, 4), U(3, 5), U(3, 4));

    private string? GoodComment() => random.NextDouble() < 0.4 ? HistoryTexts.GoodComments[random.Next(HistoryTexts.GoodComments.Length)] : null;

    private string PoorComment() => HistoryTexts.PoorComments[random.Next(HistoryTexts.PoorComments.Length)];

    private static string Visitor(HistoryCase c) => c.Team.Leader ?? "deputy";

    private void Happy(HistoryCase c)
    {
        var (ack, arrive, done) = OnTime(c);
        Start(c, ack, arrive);
        Close(c, Finish(c, c.On(done)), GoodScores(), GoodComment());
    }

    private void LowRating(HistoryCase c)
    {
        var (ack, arrive, done) = OnTime(c);
        Start(c, ack, arrive);
        var rated = Close(c, Finish(c, c.On(done)), new Scores(U(1, 2), U(2, 3), U(1, 3), U(1, 2)), PoorComment());
        var call = HistoryCase.Awake(rated.AddHours(U(18, 40)), U(60, 480));
        if (random.NextDouble() < 0.3)
        {
            run.Visit(c, call, Visitor(c), ReturnVisitOutcome.Unreachable, "电话无人接听");
            call = call.AddDays(1);
        }
        var satisfied = random.NextDouble() < 0.7;
        run.Visit(c, call, Visitor(c), satisfied ? ReturnVisitOutcome.Satisfied : ReturnVisitOutcome.Unsatisfied, satisfied ? "已致歉并说明原因，对方表示理解" : "对方仍不满意，已记录并在班组会上讨论");
    }

    /// <summary>Done, and the requester never answered: it confirms itself after the policy's days, rated by default.</summary>
    private void AutoConfirmed(HistoryCase c)
    {
        var (ack, arrive, done) = OnTime(c);
        Start(c, ack, arrive);
        Finish(c, c.On(done));
    }

    /// <summary>Acknowledged after the commitment: overdue, the leader (sometimes the deputy director too) added by the ladder.</summary>
    private void LateAcknowledgement(HistoryCase c)
    {
        if (c.Urgency != Urgency.Normal)
        {
            Happy(c);
            return;
        }
        var ack = 30 + (random.NextDouble() < 0.35 ? U(35, 55) : U(5, 25));
        var arrive = U(ack + 12, 440);
        Start(c, ack, arrive);
        Close(c, Finish(c, c.On(arrive + U(30, 240))), Middling(), random.NextDouble() < 0.5 ? PoorComment() : null);
    }

    /// <summary>Late on site and resolved after the commitment: the ladder climbs one to three rungs before it is done.</summary>
    private void LateResolution(HistoryCase c)
    {
        if (c.Urgency != Urgency.Normal)
        {
            Happy(c);
            return;
        }
        Start(c, U(3, 26), U(455, 700));
        var late = random.NextDouble() switch
        {
            < 0.6 => U(5, 25),
            < 0.9 => U(35, 55),
            _ => U(65, 90),
        };
        Close(c, Finish(c, c.On(1350 + late)), Middling(), PoorComment());
    }

    /// <summary>Paused for parts, with an extension of two working days the team leader approved.</summary>
    private void Extension(HistoryCase c)
    {
        if (c.Urgency != Urgency.Normal)
        {
            Happy(c);
            return;
        }
        var ack = U(3, 26);
        var arrive = U(ack + 12, 300);
        Start(c, ack, arrive);
        var pause = arrive + U(15, 40);
        var ask = pause + U(5, 30);
        run.Pause(c, c.On(pause), c.Handler, "等待配件到货");
        run.AskExtension(c, c.On(ask), c.Handler, c.After(c.Due.ResolveBy, 900), "所需配件需向供应商订购，预计两个工作日到货");
        run.ApproveExtension(c, c.On(ask + U(10, 120)), c.Team.Leader ?? "deputy");
        var resume = 1350 + U(60, 400);
        run.Resume(c, c.On(resume), c.Handler);
        Close(c, Finish(c, c.On(resume + U(30, 200))), GoodScores(), GoodComment());
    }

    /// <summary>Handed to someone in the wrong team, who declined with a reason: one bounce, then done.</summary>
    private void Bounce(HistoryCase c)
    {
        if (c.Urgency == Urgency.Emergency)
        {
            Happy(c);
            return;
        }
        var ack = U(3, 11);
        Start(c, ack, U(ack + 20, c.Urgency == Urgency.Urgent ? 115 : 420), WrongTeam(c));
        Close(c, Finish(c, c.On(c.Urgency == Urgency.Urgent ? U(130, 600) : U(440, 1340))), GoodScores(), GoodComment());
    }

    private static string WrongTeam(HistoryCase c) => c.Team.Code == "water" ? "repair1" : "water1";

    /// <summary>The requester rejected the completion; it was reworked and then confirmed.</summary>
    private void Reopened(HistoryCase c)
    {
        if (c.Requester is null)
        {
            Happy(c);
            return;
        }
        var (ack, arrive, done) = OnTime(c);
        Start(c, ack, arrive);
        var first = Finish(c, c.On(done));
        string[] reasons = ["修完第二天又出现同样的问题", "问题没有解决", "还是不能正常使用"];
        var rejected = HistoryCase.Awake(first.AddHours(U(2, 20)), U(0, 300));
        run.RejectCompletion(c, rejected, reasons[random.Next(reasons.Length)]);
        var again = Finish(c, HistoryCase.Awake(rejected.AddHours(U(3, 26)), U(30, 400)), again: true);
        Close(c, again, Middling(), null);
    }

    /// <summary>The front desk handed it on and could not reach the receiver: escalated by hand, then the hand-off ran late too.</summary>
    private void EscalatedByHand(HistoryCase c)
    {
        if (c.Urgency != Urgency.Normal || c.Team.Workers.Contains(c.Handler))
        {
            Happy(c);
            return;
        }
        var ack = U(3, 20);
        run.Acknowledge(c, c.On(ack), c.Owner);
        c.Handler = c.Team.Workers[random.Next(c.Team.Workers.Count)];
        run.HandOff(c, c.On(ack + 1), c.Owner, c.Handler, "请上门处理", null);
        run.EscalateByHand(c, c.On(ack + 1 + U(3, 8)), c.Owner, $"联系不上{c.Handler}，请组长协调");
        var accepted = ack + 1 + U(15, 35);
        run.Accept(c, c.On(accepted), c.Handler);
        var arrive = U(accepted + 10, 440);
        run.Arrive(c, c.On(arrive), c.Handler);
        Close(c, Finish(c, c.On(arrive + U(30, 240))), Middling(), null);
    }

    /// <summary>Outside the office's remit: the owner referred the requester and, often, checked they were helped.</summary>
    private void Referral(DateOnly day)
    {
        var (category, description, to, why) = HistoryTexts.Referrals[random.Next(HistoryTexts.Referrals.Length)];
        var c = NewCase(day, category, Urgency.Normal);
        c.Description = description;
        var ack = U(3, 20);
        run.Acknowledge(c, c.On(ack), c.Owner);
        var referred = c.On(ack + U(5, 60));
        run.Refer(c, referred, to, why);
        if (random.NextDouble() < 0.6)
        {
            run.ReferralHelped(c, HistoryCase.Awake(referred.AddHours(U(20, 50)), U(0, 480)));
        }
    }

    /// <summary>
    /// Three complaints: buck-passing (推诿) about a repairer who tried to hand a door lock to the water team,
    /// answered by the deputy director; one about a cleaner's attitude, answered; one filed days ago, still open.
    /// </summary>
    private void Complaints(DateOnly first, DateTime end)
    {
        var c = NewCase(NextWorkingDay(first.AddDays(24)), "door-lock", Urgency.Normal, 10, "student");
        Start(c, U(3, 8), U(460, 600), c.Owner == "repair1" ? "water1" : null);
        var rated = Close(c, Finish(c, c.On(U(900, 1300))), new Scores(1, 3, 2, 1), "来回推了两次才有人来修");
        Complaint? buckPassing = null;
        run.Complain(c, rated.AddMinutes(30), ComplaintKind.BuckPassing, c.Handler, "报修后值班师傅说门锁不归他管，让我去找水电组，来回推了两次才有人来修。", k => buckPassing = k);
        var answered = HistoryCase.Awake(rated.AddHours(26), 120);
        run.Answer(
            () => buckPassing,
            answered,
            "deputy",
            "经核实，维修值班人员接报后未按首问负责制处理，而是让您另找他人，属推诿行为。处已对其批评教育并计入本月考核，维修组已在全组重申首问负责制。感谢您的监督。",
            upheld: true
        );
        // Upheld, it opens a case: the director names the auditor, the repairer answers, the auditor decides.
        AccountabilityCase? kase = null;
        run.OpenCase(() => buckPassing, answered, "deputy", k => kase = k);
        var investigated = answered.AddHours(2);
        run.InvestigateCase(() => kase, investigated, "director", "auditor");
        run.AnswerCase(() => kase, HistoryCase.Awake(investigated.AddHours(20), 60), c.Handler, "当时以为门锁属于水电组维修范围，没有先受理再转办，是我的错误，今后严格执行首问负责制。");
        run.DecideCase(
            () => kase,
            HistoryCase.Awake(investigated.AddHours(50), 60),
            "auditor",
            CaseDecision.Upheld,
            Sanction.Warning,
            "报修人两次被要求另找他人，当事人本人亦承认未先受理再转办，违反首问负责制，属推诿。给予警告，按规程扣分。"
        );
        // A complaint's visit is made by whoever answered it, never by the team of the person complained about (ADR 0030).
        run.Visit(c, answered.AddHours(3), "deputy", ReturnVisitOutcome.Satisfied, "已当面致歉，门锁使用正常，同学认可处理结果");

        var d = NewCase(NextWorkingDay(first.AddDays(55)), "public-area", Urgency.Normal, 9, "teacher");
        var (ack, arrive, done) = OnTime(d);
        Start(d, ack, arrive);
        var rated2 = Close(d, Finish(d, d.On(done)), new Scores(3, 3, 1, 2), "保洁人员态度不好");
        Complaint? attitude = null;
        run.Complain(d, rated2.AddMinutes(20), ComplaintKind.Attitude, d.Handler, "提醒保洁人员楼道没打扫干净，对方语气很冲，说“你自己看不见我忙吗”。", k => attitude = k);
        var answered2 = HistoryCase.Awake(rated2.AddHours(30), 90);
        run.Answer(() => attitude, answered2, "deputy", "已约谈当事保洁员，责成其向您道歉，并安排物业组开展服务规范培训。");
        run.Visit(d, answered2.AddHours(2), "deputy", ReturnVisitOutcome.Satisfied, "已致歉，老师表示接受");

        var e = NewCase(Local(WorkingCalendar.LocalDate(end).AddDays(-3), 10), "water-pipe", Urgency.Urgent, "student3", false);
        Start(e, 5, 40);
        var done3 = Finish(e, e.On(100));
        run.Confirm(e, done3.AddMinutes(180));
        run.Rate(e, done3.AddMinutes(190), new Scores(3, 2, 4, 2), "修完后水压明显变小");
        run.Complain(e, done3.AddMinutes(200), ComplaintKind.Other, e.Handler, "维修后水压明显变小，希望能再派人检查一下，并说明原因。", _ => { });
    }

    private DateOnly NextWorkingDay(DateOnly day)
    {
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private static DateTime Local(DateOnly day, int hour) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), WorkingCalendar.Zone);

    private enum Stage
    {
        Submitted,
        Acknowledged,
        HandedOff,
        OnSite,
        Paused,
        AskingExtension,
        Completed,
    }

    /// <summary>The work on the queues now: requests of the last days in every open state, some of them already overdue.</summary>
    private void OpenNow(DateTime end)
    {
        (double HoursAgo, string Category, Urgency Urgency, string? Requester, string? HandTo, Stage Stage)[] open =
        [
            (0.25, "water-drain", Urgency.Normal, "student4", null, Stage.Submitted),
            (52, "bed-desk", Urgency.Normal, "student5", null, Stage.Submitted),
            (2, "lighting", Urgency.Normal, "teacher", null, Stage.Acknowledged),
            (5, "ac-fault", Urgency.Urgent, "student6", null, Stage.Acknowledged),
            (6, "public-area", Urgency.Normal, "student8", null, Stage.Acknowledged),
            (3, "water-leak", Urgency.Urgent, null, "water2", Stage.OnSite),
            (26, "door-lock", Urgency.Normal, "student", null, Stage.OnSite),
            (20, "meeting-setup", Urgency.Normal, null, null, Stage.OnSite),
            (30, "water-pipe", Urgency.Normal, null, "water2", Stage.Paused),
            (44, "socket", Urgency.Normal, "student7", null, Stage.AskingExtension),
            (0.1, "water-leak", Urgency.Normal, null, "water2", Stage.HandedOff),
            (22, "window-glass", Urgency.Normal, null, "repair2", Stage.HandedOff),
            (30, "tree-pruning", Urgency.Normal, "teacher", null, Stage.Completed),
        ];
        foreach (var (hoursAgo, category, urgency, requester, handTo, stage) in open)
        {
            var created = end.AddMinutes(-Math.Round(hoursAgo * 60));
            // Calls without a requester are the front desk's, whenever they came in.
            var c = NewCase(created, category, urgency, requester, requester is null, requester is null ? "frontdesk" : null);
            Later(c, stage, handTo);
        }
    }

    private void Later(HistoryCase c, Stage stage, string? handTo)
    {
        DateTime At(int minutes) => c.Created.AddMinutes(minutes);
        if (stage == Stage.Submitted)
        {
            return;
        }
        if (stage == Stage.HandedOff)
        {
            // The person on duty passes it to a colleague (a call is already theirs, routed at intake).
            var to = handTo != c.Handler ? handTo! : c.Team.Workers.First(w => w != c.Handler);
            run.HandOff(c, At(2), c.Handler, to, "请上门处理");
            return;
        }
        run.Acknowledge(c, At(5), c.Handler);
        if (stage == Stage.Acknowledged)
        {
            return;
        }
        var worker = handTo ?? (c.Team.Workers.Contains(c.Handler) ? c.Handler : c.Team.Workers[0]);
        if (worker != c.Handler)
        {
            run.HandOff(c, At(6), c.Handler, worker, "转交值班师傅上门处理");
            run.Accept(c, At(9), worker);
            c.Handler = worker;
        }
        run.Arrive(c, At(40), c.Handler);
        if (stage is Stage.Paused or Stage.AskingExtension)
        {
            run.Pause(c, At(70), c.Handler, "等待配件到货");
        }
        if (stage == Stage.AskingExtension)
        {
            run.AskExtension(c, At(80), c.Handler, c.After(c.Due.ResolveBy, 900), "需更换整条线路，材料需采购");
        }
        if (stage == Stage.Completed)
        {
            Finish(c, At(120));
        }
    }
}
