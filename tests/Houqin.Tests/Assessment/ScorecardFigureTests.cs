using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Features.Accountability;
using Houqin.Features.Assessment;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Feedback;
using Houqin.Infrastructure.Audit;
using Houqin.Tests.Accountability;
using Houqin.Tests.ServiceDesk;
using Microsoft.EntityFrameworkCore;
using static Houqin.Tests.ServiceDesk.Desk;
using static Houqin.Tests.ServiceDesk.Feedback.FeedbackDesk;

namespace Houqin.Tests.Assessment;

/// <summary>The figures on a month's scorecard against the rows the office's work left behind.</summary>
public sealed class ScorecardFigureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string December = "2026-12";

    [Fact]
    public async Task Each_figure_equals_a_count_made_from_the_raw_rows_for_every_person_with_the_requests_behind_it()
    {
        // Tuesday 12-01 09:00: water1 has the water day shift, repair1 the repair post, frontdesk the hall.
        var (app, web) = await StartAsync(Beijing(12, 1, 9, 0));
        await using var running = app;
        await web.AdvanceAsync("PT0S");
        var (student, water1, repair1, frontdesk, deputy) = (web.As("student"), web.As("water1"), web.As("repair1"), web.As("frontdesk"), web.As("deputy"));

        // Kept on time, confirmed, rated, self-evaluated; then complained about and upheld.
        var a = await student.ReportAsync().CreatedAsync();
        Assert.Equal("water1", a.Str("handler", "userName"));
        await water1.HandleToCompletionAsync(a);
        await student.OkAsync(a, "confirm");
        await student.OkAsync(a, "rate", Scores(5, 4, 3, 4));
        await water1.OkAsync(a, "self-evaluation", Scores(5, 5, 5, 5));
        var complaint = await OkAsync(student.ComplainAsync(a, "water1"), HttpStatusCode.Created);
        await OkAsync(deputy.PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer = "经调查属实。", upheld = true }, Ct));

        // A call the hall logs for the water team, completed and left for the auto-confirmation.
        var b = await frontdesk.LogCallAsync();
        await web.As(b.Str("handler", "userName")).OkAsync(b, "acknowledge");

        // A door lock: completed, rejected by the requester, completed again and rated low.
        var c = await student.ReportAsync(category: "door-lock").CreatedAsync();
        Assert.Equal("repair1", c.Str("handler", "userName"));
        await repair1.HandleToCompletionAsync(c, "换锁芯");
        await student.OkAsync(c, "reject-completion", new { reason = "还是打不开" });
        await repair1.OkAsync(c, "complete", new { method = "换整把锁", result = "已修好" });
        await student.OkAsync(c, "confirm");
        await student.OkAsync(c, "rate", Scores(2, 3, 3, 4));

        // Handed to repair1, who declines it: a bounce.
        var d = await student.ReportAsync().CreatedAsync();
        await water1.OkAsync(d, "acknowledge");
        await water1.OkAsync(d, "handoff", new { toUserName = "repair1", reason = "柜门合页坏了" });
        await repair1.OkAsync(d, "decline-handoff", new { reason = "是水管问题" });

        // Left alone for two hours, then acknowledged late and never finished.
        var e = await student.ReportAsync().CreatedAsync();
        var list = await repair1.ChecklistAsync("repair-duty");
        Assert.Equal(HttpStatusCode.OK, (await repair1.TickAsync(list, list.Item("检查维修工具与备件"))).StatusCode);
        await web.AdvanceAsync("PT2H");
        await web.As(e.Str("handler", "userName")).OkAsync(e, "acknowledge");
        var b2 = await frontdesk.GetRequestAsync(b);
        await web.As(b2.Str("handler", "userName")).OkAsync(b, "arrive");
        await web.As(b2.Str("handler", "userName")).OkAsync(b, "complete", new { method = "紧固接头", result = "不漏了" });
        Assert.Equal(HttpStatusCode.OK, (await repair1.PostAsJsonAsync("/api/v1/worklog/2026-12-01/close", new { satisfaction = 4 }, Ct)).StatusCode);

        // Into January: every December commitment has fallen due, the call has confirmed itself.
        await web.AdvanceAsync("P35D");

        var director = web.As("director");
        var (start, end) = (new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)).UtcDateTime, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).UtcDateTime);
        var now = web.Now();
        var rows = await web.RowsAsync(async db => new
        {
            Users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.Id, Ct),
            Requests = await db.Set<ServiceRequest>().AsNoTracking().Where(r => r.Status != RequestStatus.Referred).ToListAsync(Ct),
            Ratings = await db.Set<Rating>().IgnoreQueryFilters().AsNoTracking().ToListAsync(Ct),
            SelfEvaluations = await db.Set<SelfEvaluation>().AsNoTracking().ToListAsync(Ct),
            Events = await db.Set<AuditEvent>().AsNoTracking().Where(x => x.SubjectType == "ServiceRequest").ToListAsync(Ct),
            Complaints = await db.Set<Complaint>().AsNoTracking().ToListAsync(Ct),
            Dismissed = await db.Set<AccountabilityCase>().AsNoTracking().Where(k => k.Decision == CaseDecision.Dismissed).Select(k => k.ComplaintId).ToListAsync(Ct),
            Items = await db.Set<ChecklistItem>().AsNoTracking().ToListAsync(Ct),
            Days = await db.Set<WorkLogDay>().AsNoTracking().ToListAsync(Ct),
        });
        bool InMonth(DateTime? t) => t >= start && t < end;
        bool OnDay(DateOnly day) => day >= new DateOnly(2026, 12, 1) && day < new DateOnly(2027, 1, 1);
        var handlerOf = rows.Requests.ToDictionary(r => r.Id, r => r.HandlerId);
        var realRatings = rows.Ratings.Where(g => !g.IsDefault && InMonth(g.At) && handlerOf.ContainsKey(g.RequestId)).ToList();
        Assert.Contains(rows.Ratings, g => g.IsDefault && g.RequestId == Guid.Parse(b.Id())); // the call did confirm itself

        var checkedFigures = 0;
        foreach (var who in new[] { "water1", "water2", "repair1", "frontdesk", "leader-water", "leader-repair" })
        {
            var me = rows.Users[who];
            var card = await director.SeeCardAsync(who, December);
            Assert.False(card.GetProperty("signedOff").GetBoolean());

            void Commitment(string key, IEnumerable<(Guid Id, bool Kept)> due)
            {
                var list = due.ToList();
                Assert.True(card.Count(key) == list.Count, $"{who} {key}: count {card.Count(key)}, rows {list.Count}");
                Assert.Equal(list.Count == 0 ? null : Math.Round((decimal)list.Count(x => x.Kept) / list.Count, 4), card.Value(key));
                Assert.Equal(list.Select(x => x.Id).Order(), card.RequestIds(key));
                checkedFigures += list.Count;
            }
            Commitment(
                "commitments.acknowledge.keptRate",
                rows.Requests.Where(r => r.FirstContactOwnerId == me && InMonth(r.AcknowledgeBy) && (r.AcknowledgedAt is not null || r.AcknowledgeBy <= now)).Select(r => (r.Id, r.AcknowledgedAt <= r.AcknowledgeBy))
            );
            Commitment(
                "commitments.arrive.keptRate",
                rows.Requests.Where(r => (r.ArriveMissedById ?? r.ArrivedById ?? r.HandlerId) == me && InMonth(r.ArriveBy) && (r.ArrivedAt is not null || r.CompletedAt is not null || r.ArriveBy <= now)).Select(r => (r.Id, (r.ArrivedAt ?? r.CompletedAt) <= r.ArriveBy))
            );
            Commitment(
                "commitments.resolve.keptRate",
                rows.Requests.Where(r => r.HandlerId == me && InMonth(r.ResolveBy) && (r.CompletedAt is not null || r.ResolveBy <= now)).Select(r => (r.Id, r.CompletedAt <= r.ResolveBy))
            );

            var mine = realRatings.Where(g => handlerOf[g.RequestId] == me).ToList();
            Assert.Equal(mine.Count, card.Value("ratings.count"));
            Assert.Equal(mine.Select(g => g.RequestId).Order(), card.RequestIds("ratings.count"));
            foreach (var (dimension, of) in new (string, Func<Rating, int?>)[] { ("timeliness", g => g.Timeliness), ("quality", g => g.Quality), ("attitude", g => g.Attitude), ("satisfaction", g => g.Satisfaction) })
            {
                Assert.Equal(mine.Count == 0 ? null : Math.Round((decimal)mine.Sum(g => of(g)!.Value) / mine.Count, 2), card.Value($"ratings.{dimension}.mean"));
            }

            var rejected = rows.Events.Where(x => x.Action == "service_request.completion_rejected" && InMonth(x.At) && handlerOf.GetValueOrDefault(Guid.Parse(x.SubjectId)) == me).Select(x => Guid.Parse(x.SubjectId)).ToList();
            Assert.Equal(rejected.Count, card.Value("completions.rejected"));
            Assert.Equal(rejected.Order(), card.RequestIds("completions.rejected"));
            var bounced = rows.Events.Where(x => x.Action == "service_request.handoff_declined" && InMonth(x.At) && x.Actor == who).Select(x => Guid.Parse(x.SubjectId)).ToList();
            Assert.Equal(bounced.Count, card.Value("bounces"));
            Assert.Equal(bounced.Order(), card.RequestIds("bounces"));
            var upheld = rows.Complaints.Where(x => x.StaffId == me && x.Upheld == true && InMonth(x.AnsweredAt) && !rows.Dismissed.Contains(x.Id)).Select(x => x.RequestId).ToList();
            Assert.Equal(upheld.Count, card.Value("complaints.upheld"));
            Assert.Equal(upheld.Order(), card.RequestIds("complaints.upheld"));

            var gaps = rows
                .SelfEvaluations.Where(s => s.EvaluatorId == me)
                .Join(realRatings, s => s.RequestId, g => g.RequestId, (s, g) => (s.RequestId, Gap: (s.Timeliness + s.Quality + s.Attitude + s.Satisfaction - (g.Timeliness + g.Quality + g.Attitude + g.Satisfaction))!.Value / 4m))
                .ToList();
            Assert.Equal(gaps.Count == 0 ? null : Math.Round(gaps.Average(x => x.Gap), 2), card.Value("selfEvaluation.gap"));
            Assert.Equal(gaps.Select(x => x.RequestId).Order(), card.RequestIds("selfEvaluation.gap"));

            var items = rows.Items.Where(i => i.UserId == me && OnDay(i.Date)).ToList();
            Assert.Equal(items.Count(i => i.Status == ItemStatus.Done), card.Value("checklists.done"));
            Assert.Equal(items.Count(i => i.Status == ItemStatus.Missed), card.Value("checklists.missed"));
            Assert.Equal(rows.Days.Count(x => x.UserId == me && OnDay(x.Date) && x.ClosedAt is not null), card.Value("worklog.daysClosed"));
            Assert.Equal(Cards.ExpectedScore(card, new()), card.Score());
            checkedFigures += mine.Count + rejected.Count + bounced.Count + upheld.Count + items.Count;
        }

        // The scenario left something behind in each kind of figure, so the comparison above had rows to compare.
        var water1Card = await director.SeeCardAsync("water1", December);
        var repair1Card = await director.SeeCardAsync("repair1", December);
        Assert.Equal(1, water1Card.Value("complaints.upheld"));
        Assert.Equal([Guid.Parse(a.Id())], water1Card.RequestIds("complaints.upheld"));
        Assert.Equal([Guid.Parse(c.Id())], repair1Card.RequestIds("completions.rejected"));
        Assert.Equal([Guid.Parse(d.Id())], repair1Card.RequestIds("bounces"));
        Assert.Equal(1.0m, water1Card.Value("selfEvaluation.gap")); // 20 of his own against the student's 16, over four dimensions
        Assert.Equal((1, 5m, 4m), (water1Card.Count("ratings.count"), water1Card.Value("ratings.timeliness.mean")!.Value, water1Card.Value("ratings.satisfaction.mean")!.Value));
        Assert.Equal((1, 2m), (repair1Card.Count("ratings.count"), repair1Card.Value("ratings.timeliness.mean")!.Value));
        Assert.Equal(1, repair1Card.Value("checklists.done"));
        Assert.Equal(1, repair1Card.Value("worklog.daysClosed"));
        Assert.True(repair1Card.Value("checklists.missed") > 0);
        Assert.True(checkedFigures > 20, $"only {checkedFigures} rows compared");

        // The team's and the office's counts add up from the people's.
        var month = await director.MonthAsync(December);
        var people = month.GetProperty("people").EnumerateArray().ToList();
        var office = month.GetProperty("office");
        Assert.Equal(people.Sum(p => p.Value("ratings.count")), office.Value("ratings.count"));
        Assert.Equal(realRatings.Count(g => people.Any(p => rows.Users[p.Str("userName")] == handlerOf[g.RequestId])), office.Value("ratings.count"));
        Assert.Equal(people.Sum(p => p.Value("checklists.missed")), office.Value("checklists.missed"));
        var water = Assert.Single(month.GetProperty("teams").EnumerateArray(), t => t.Str("code") == "water");
        Assert.Equal(
            people.Where(p => p.GetProperty("teams").EnumerateArray().Any(t => t.Str("code") == "water")).Sum(p => p.Value("commitments.resolve.keptRate") is null ? 0 : p.Count("commitments.resolve.keptRate")),
            water.Count("commitments.resolve.keptRate")
        );
    }

    [Fact]
    public async Task A_default_rating_left_by_the_auto_confirmation_does_not_move_the_mean()
    {
        var (app, web) = await StartAsync(Beijing(12, 1, 9, 0));
        await using var running = app;
        var (student, water1) = (web.As("student"), web.As("water1"));
        var rated = await student.ReportAsync().CreatedAsync();
        var unrated = await student.ReportAsync().CreatedAsync();
        foreach (var r in new[] { rated, unrated })
        {
            Assert.Equal("water1", r.Str("handler", "userName"));
            await water1.HandleToCompletionAsync(r);
        }
        await student.OkAsync(rated, "confirm");
        await student.OkAsync(rated, "rate", Scores(5, 4, 3, 2));
        var before = await water1.SeeCardAsync("water1", December);

        await web.AdvanceAsync("P8D");

        Assert.True((await student.GetRequestAsync(unrated)).GetProperty("autoConfirmed").GetBoolean());
        var id = Guid.Parse(unrated.Id());
        Assert.Equal(1, await web.RowsAsync(db => Ratings.WithDefaults(db).CountAsync(g => g.RequestId == id && g.IsDefault, Ct)));
        var after = await water1.SeeCardAsync("water1", December);
        foreach (var card in new[] { before, after })
        {
            Assert.Equal(1, card.Value("ratings.count"));
            Assert.Equal([Guid.Parse(rated.Id())], card.RequestIds("ratings.count"));
            Assert.Equal([5m, 4m, 3m, 2m], Figures.Dimensions.Select(d => card.Value($"ratings.{d}.mean")!.Value));
        }
    }

    [Fact]
    public async Task A_missed_checklist_item_is_counted_and_lowers_the_score()
    {
        var (app, web) = await StartAsync(Beijing(12, 1, 9, 0));
        await using var running = app;
        await web.AdvanceAsync("PT0S");
        var repair1 = web.As("repair1");
        var list = await repair1.ChecklistAsync("repair-duty");
        Assert.Equal(HttpStatusCode.OK, (await repair1.TickAsync(list, list.Item("检查维修工具与备件"))).StatusCode);

        // Only the checklist is measured on the month's first day: one done of one.
        var before = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal((1m, 0m, 1m), (before.Value("checklists.done")!.Value, before.Value("checklists.missed")!.Value, before.Value("checklists.doneRate")!.Value));
        Assert.Equal(100m, before.Score());

        await web.AdvanceAsync("PT8H31M"); // 17:31: the ledger's window (16:30–17:30) closed unticked

        var missed = await web.RowsAsync(db => db.Set<ChecklistItem>().AsNoTracking().Where(i => i.Title == "填写当日维修台账" && i.Date == new DateOnly(2026, 12, 1)).Select(i => i.Status).SingleAsync(Ct));
        Assert.Equal(ItemStatus.Missed, missed);
        var after = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal((1m, 1m, 0.5m), (after.Value("checklists.done")!.Value, after.Value("checklists.missed")!.Value, after.Value("checklists.doneRate")!.Value));
        Assert.Equal(50m, after.Score());
        Assert.Equal(Cards.ExpectedScore(after, new()), after.Score());
    }

    [Fact]
    public async Task An_upheld_buck_passing_complaint_lowers_the_month_and_opens_a_case_whose_dismissal_takes_it_back()
    {
        // Friday 12-04 10:00.
        var (app, web) = await StartAsync(Beijing(12, 4, 10, 0));
        await using var running = app;
        var (student, deputy, director, repair1) = (web.As("student"), web.As("deputy"), web.As("director"), web.As("repair1"));
        Assert.Equal(HttpStatusCode.OK, (await web.As("leader-repair").RateMonthAsync("repair1", December, 4)).StatusCode);
        var r = await student.ReportAsync().CreatedAsync();
        var complaint = await OkAsync(student.ComplainAsync(r, "repair1"), HttpStatusCode.Created);
        var before = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal(0, before.Value("complaints.upheld"));
        Assert.NotNull(before.Score());

        await OkAsync(deputy.PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer = "经调查属实。", upheld = true }, Ct));

        var upheld = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal(1, upheld.Value("complaints.upheld"));
        Assert.Equal([Guid.Parse(r.Id())], upheld.RequestIds("complaints.upheld"));
        Assert.Equal(before.Score() - 5, upheld.Score()); // the procedure's deduction per upheld complaint
        var c = Assert.Single((await deputy.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct)).EnumerateArray());
        Assert.Equal(["repair1"], c.Accused());
        Assert.Equal(complaint.Id(), c.Str("complaint", "id"));

        // The accused cannot investigate it (the rule itself: Accountability/CaseTests); someone else dismisses it.
        await AssertProblemAsync(Cases.StepAsync(director, c, "assign-investigator", new { investigatorUserName = "repair1" }), HttpStatusCode.Forbidden, "accused_cannot_investigate");
        await web.DecideCaseAsync(c, "repair1", Cards.Dismissed);

        var dismissed = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal(0, dismissed.Value("complaints.upheld"));
        Assert.Empty(dismissed.RequestIds("complaints.upheld"));
        Assert.Equal(0, dismissed.Value("cases.penaltyPoints"));
        Assert.Equal(before.Score(), dismissed.Score());
    }

    [Fact]
    public async Task A_case_decided_with_penalty_points_takes_them_off_the_month_and_an_unfit_sanction_makes_it_unfit()
    {
        var (app, web, _, c) = await Cases.UpheldAsync();
        await using var running = app;
        var (director, repair1) = (web.As("director"), web.As("repair1"));
        Assert.Equal(HttpStatusCode.OK, (await web.As("leader-repair").RateMonthAsync("repair1", December, 5)).StatusCode);
        var before = await repair1.SeeCardAsync("repair1", December);
        await web.DecideCaseAsync(c, "repair1", new { decision = "Upheld", sanction = "PenaltyPoints", penaltyPoints = 7, findings = "推诿属实。" });

        var decided = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal((7m, 1), (decided.Value("cases.penaltyPoints")!.Value, decided.Count("cases.penaltyPoints")));
        Assert.Equal(before.Score() - 7, decided.Score());
        Assert.Equal(Cards.ExpectedScore(decided, new()), decided.Score());

        // Varied on appeal to "unfit": whatever the score, the month's grade is unfit and carries the penalty.
        await OkAsync(Cases.StepAsync(repair1, c, "appeal", new { grounds = "处理过重。" }));
        await OkAsync(Cases.StepAsync(director, c, "rule-appeal", new { ruling = "Varied", decision = "Upheld", sanction = "Unfit", reasons = "情节严重。" }));
        var unfit = await repair1.SeeCardAsync("repair1", December);
        Assert.Equal("Unfit", unfit.Str("grade"));
        Assert.Equal(-300m, unfit.GetProperty("reward").GetDecimal());
    }
}
