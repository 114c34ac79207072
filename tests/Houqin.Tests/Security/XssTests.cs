using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Houqin.Tests.DeskPages;
using Houqin.Tests.ServiceDesk;
using static Houqin.Tests.Procedures.Rules;
using static Houqin.Tests.ServiceDesk.Desk;

namespace Houqin.Tests.Security;

/// <summary>
/// QUALITY.md "XSS": the corpus stored in every text a user writes, then every page that shows it parsed: nothing
/// from a payload is live (no script, handler, javascript:/data: URL, frame, plugin, base or meta refresh), the text
/// reads back as written, and each page's CSP forbids inline script, plugins and framing.
/// </summary>
public sealed class XssTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the test stored, field by field, and what it found when it read the pages.</summary>
    internal sealed class Stored
    {
        private readonly List<(string Field, string Text)> texts = [];
        private readonly HashSet<string> unshown = [];
        private readonly HashSet<string> seen = [];
        private readonly HashSet<string> seenWhole = [];
        public List<string> Problems { get; } = [];

        /// <param name="shown">False for a text no page shows (a superseded completion, what only a case page shows): it must then be inert wherever it turns up.</param>
        public string Add(XssCorpus.Field field, bool shown = true)
        {
            var text = field.Next();
            texts.Add((field.Name, text));
            if (!shown)
            {
                unshown.Add(text);
            }
            return text;
        }

        /// <summary>Reads a page as <paramref name="client"/>: it must be inert and every stored text on it must read as written.</summary>
        public async Task ReadAsync(HttpClient client, string path, string who)
        {
            var (response, page) = await client.GetPageAsync(path);
            var where = $"{path} as {who}";
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Problems.Add($"{where}: {(int)response.StatusCode}");
                return;
            }
            Problems.AddRange(XssCorpus.CspProblems(response).Select(p => $"{where}: {p}"));
            Problems.AddRange(XssCorpus.LiveParts(page).Select(p => $"{where}: live {p}"));
            var shown = page.Body?.TextContent ?? "";
            foreach (var (field, text) in texts)
            {
                var marker = XssCorpus.Marker(text);
                var at = shown.IndexOf(marker + " ", StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }
                seen.Add(text);
                // Lists may cut a long text short; what they show must still be the text as written.
                var length = Math.Min(text.Length, shown.Length - at);
                if (shown.AsSpan(at, length).SequenceEqual(text))
                {
                    seenWhole.Add(text);
                }
                else if (!shown.AsSpan(at, Math.Min(length, 60)).SequenceEqual(text.AsSpan(0, Math.Min(length, 60))))
                {
                    Problems.Add($"{where}: {field} does not read as written: {shown.Substring(at, Math.Min(120, shown.Length - at))}");
                }
            }
        }

        /// <summary>Every stored text was found somewhere, and somewhere whole.</summary>
        public void AssertAllShownInert()
        {
            foreach (var (field, text) in texts)
            {
                if (unshown.Contains(text))
                {
                    continue;
                }
                if (!seen.Contains(text))
                {
                    Problems.Add($"{field}: {XssCorpus.Marker(text)} is shown on no page read");
                }
                else if (!seenWhole.Contains(text))
                {
                    Problems.Add($"{field}: {XssCorpus.Marker(text)} is never shown whole");
                }
            }
            Assert.True(Problems.Count == 0, string.Join("\n", Problems.Take(60)) + $"\n({Problems.Count} problems)");
        }
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Payloads_in_every_service_desk_text_render_inert_on_every_page_that_shows_them()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 10, 0));
        await using var running = app;
        var (student, water2, repair1, leader, deputy, frontdesk) = (web.As("student"), web.As("water2"), web.As("repair1"), web.As("leader-water"), web.As("deputy"), web.As("frontdesk"));
        var stored = new Stored();
        var description = new XssCorpus.Field("description", 2000);
        // Each field starts at its own place in the corpus, so the short ones between them hold all of it.
        var f = new Dictionary<string, XssCorpus.Field>(StringComparer.Ordinal);
        XssCorpus.Field F(string name, int max) => f.TryGetValue(name, out var x) ? x : f[name] = new XssCorpus.Field(name, max, f.Count * 23);

        var requests = new List<JsonElement>();
        // The texts are drawn first, in order; the requests then run side by side (each one's steps in turn).
        var lifecycles = new List<Func<Task<JsonElement>>>();
        while (!description.WentRound)
        {
            var (d, handoff, decline, escalate, pause, extension) = (stored.Add(description), stored.Add(F("handoff", 1000)), stored.Add(F("decline", 1000)), stored.Add(F("escalate", 1000)), stored.Add(F("pause", 1000)), stored.Add(F("extension", 1000)));
            // The first completion is rejected and replaced: the page shows the second.
            var (method1, result1, material1, reject) = (stored.Add(F("method", 500), false), stored.Add(F("result", 2000), false), stored.Add(F("material", 200), false), stored.Add(F("reject", 1000)));
            var (method2, result2, material2, material3) = (stored.Add(F("method", 500)), stored.Add(F("result", 2000)), stored.Add(F("material", 200)), stored.Add(F("material", 200)));
            // The desk's pages show neither the handler's self-evaluation nor a complaint (the case page shows an upheld one).
            var (rating, self, complaintText, answer, visit) = (stored.Add(F("rating", 1000)), stored.Add(F("self", 1000), false), stored.Add(F("complaint", 2000), false), stored.Add(F("answer", 4000), false), stored.Add(F("visit", 1000)));
            lifecycles.Add(async () =>
            {
                var r = await student.ReportAsync(extra: new { description = d }).CreatedAsync();
                await Ok(water2.StepAsync(r, "acknowledge"));
                await Ok(water2.StepAsync(r, "handoff", new { toUserName = "repair1", reason = handoff }));
                await Ok(repair1.StepAsync(r, "decline-handoff", new { reason = decline }));
                await Ok(water2.StepAsync(r, "escalate", new { reason = escalate }));
                await Ok(water2.StepAsync(r, "arrive"));
                await Ok(water2.StepAsync(r, "pause", new { reason = pause }));
                await Ok(water2.StepAsync(r, "resume"));
                await Ok(water2.StepAsync(r, "extension", new { resolveBy = r.Instant("resolveBy").AddDays(2).ToString("O"), reason = extension }));
                await Ok(leader.StepAsync(r, "extension/approve"));
                await Ok(water2.StepAsync(r, "complete", new { method = method1, result = result1, materials = new[] { material1 } }));
                await Ok(student.StepAsync(r, "reject-completion", new { reason = reject }));
                await Ok(water2.StepAsync(r, "complete", new { method = method2, result = result2, materials = new[] { material2, material3 } }));
                await Ok(student.StepAsync(r, "confirm"));
                await Ok(student.StepAsync(r, "rate", new { timeliness = 2, quality = 2, attitude = 1, satisfaction = 2, comment = rating }));
                await Ok(water2.StepAsync(r, "self-evaluation", new { timeliness = 5, quality = 5, attitude = 5, satisfaction = 5, comment = self }));
                var complaint = await Ok(student.StepAsync(r, "complaints", new { kind = "Attitude", staffUserName = "water2", text = complaintText }), HttpStatusCode.Created);
                await Ok(deputy.PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer, upheld = false }, Ct));
                await Ok(water2.StepAsync(r, "return-visits", new { outcome = "Satisfied", note = visit }));
                return r;
            });
        }
        // Still open, so the queues and the board list them: paused, handed off and waiting, referred.
        var (pausedText, pauseReason) = (stored.Add(description), stored.Add(F("pause", 1000)));
        lifecycles.Add(async () =>
        {
            var r = await student.ReportAsync(extra: new { description = pausedText }).CreatedAsync();
            await Ok(water2.StepAsync(r, "acknowledge"));
            await Ok(water2.StepAsync(r, "arrive"));
            await Ok(water2.StepAsync(r, "pause", new { reason = pauseReason }));
            return r;
        });
        var (waitingText, handoffReason) = (stored.Add(description), stored.Add(F("handoff", 1000)));
        lifecycles.Add(async () =>
        {
            var r = await student.ReportAsync(extra: new { description = waitingText }).CreatedAsync();
            await Ok(water2.StepAsync(r, "handoff", new { toUserName = "repair1", reason = handoffReason }));
            return r;
        });
        for (var i = 0; i < 6; i++)
        {
            var (text, to, reason) = (stored.Add(description), stored.Add(F("referredTo", 500)), stored.Add(F("referral", 1000), false));
            lifecycles.Add(async () =>
            {
                var r = await student.ReportAsync(extra: new { description = text }).CreatedAsync();
                await Ok(water2.StepAsync(r, "refer", new { referredTo = to, reason }));
                return r;
            });
        }
        var calls = new List<Func<Task<JsonElement>>>();
        for (var i = 0; i < 10; i++)
        {
            var (text, caller) = (stored.Add(description), stored.Add(F("caller", 200)));
            calls.Add(() => frontdesk.ReportAsync(extra: new { description = text, channel = "Phone", caller = new { name = caller, phone = "13800001111" } }).CreatedAsync());
        }
        requests.AddRange(await Task.WhenAll(lifecycles.Select(l => l())));
        var called = await Task.WhenAll(calls.Select(c => c()));
        foreach (var r in requests)
        {
            await stored.ReadAsync(student, $"/requests/{r.Id()}", "the requester");
            await stored.ReadAsync(water2, $"/requests/{r.Id()}", "the owner");
        }
        foreach (var r in called)
        {
            await stored.ReadAsync(frontdesk, $"/requests/{r.Id()}", "the owner");
        }
        await stored.ReadAsync(leader, $"/requests/{requests[0].Id()}", "a co-owner");
        await stored.ReadAsync(student, "/requests", "the requester");
        foreach (var (client, who) in new[] { (water2, "water2"), (repair1, "repair1"), (frontdesk, "frontdesk") })
        {
            await stored.ReadAsync(client, "/desk", who);
        }
        foreach (var (client, who) in new[] { (leader, "leader-water"), (deputy, "deputy"), (web.As("director"), "director") })
        {
            await stored.ReadAsync(client, "/board", who);
            await stored.ReadAsync(client, "/board?handler=Sections", who);
        }
        foreach (var (client, who) in new[] { (student, "student"), (water2, "water2"), (repair1, "repair1"), (leader, "leader-water"), (deputy, "deputy") })
        {
            await stored.ReadAsync(client, "/notifications", who);
        }
        // A payload in the board's query string comes back inert too.
        var reflected = Uri.EscapeDataString(XssCorpus.Payloads[0]);
        await stored.ReadAsync(leader, $"/board?team={reflected}&urgency={reflected}&category={reflected}&period={reflected}", "leader-water");

        // Search answers JSON, which a browser never renders as a page.
        var search = await water2.GetAsync("/api/v1/service-requests?scope=team&q=" + Uri.EscapeDataString("XSS-description-0"), Ct);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal("application/json", search.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", search.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("XSS-description-0", await search.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        stored.AssertAllShownInert();
        Assert.All(f.Values.Append(description), x => Assert.True(x.Held >= 20, $"{x.Name} held {x.Held} payloads"));
    }

    [Fact]
    public async Task Payloads_in_cases_work_logs_and_duties_render_inert_on_their_pages()
    {
        var (app, web) = await StartAsync(Beijing(11, 30, 16, 0));
        await using var running = app;
        var (student, water2, auditor, director, deputy) = (web.As("student"), web.As("water2"), web.As("auditor"), web.As("director"), web.As("deputy"));
        var stored = new Stored();
        var (summary, document, answer, findings, grounds, reasons) =
            (new XssCorpus.Field("summary", 4000), new XssCorpus.Field("document", 400, 40), new XssCorpus.Field("case-answer", 4000, 80), new XssCorpus.Field("findings", 4000, 120), new XssCorpus.Field("grounds", 4000, 160), new XssCorpus.Field("reasons", 4000, 20));
        var cases = new List<JsonElement>();
        while (!summary.WentRound || !answer.WentRound || !findings.WentRound || !grounds.WentRound || !reasons.WentRound)
        {
            var opened = await Ok(
                auditor.PostAsJsonAsync("/api/v1/cases", new { origin = "AuditFinding", ground = "Negligence", accusedUserNames = new[] { "water2" }, summary = stored.Add(summary), documents = new[] { stored.Add(document), stored.Add(document), stored.Add(document) } }, Ct),
                HttpStatusCode.Created
            );
            cases.Add(opened);
            await Ok(director.PostAsJsonAsync($"/api/v1/cases/{opened.Id()}/assign-investigator", new { investigatorUserName = "deputy" }, Ct));
            await Ok(water2.PostAsJsonAsync($"/api/v1/cases/{opened.Id()}/answer", new { answer = stored.Add(answer) }, Ct));
            await Ok(deputy.PostAsJsonAsync($"/api/v1/cases/{opened.Id()}/decide", new { decision = "Upheld", sanction = "Warning", findings = stored.Add(findings) }, Ct));
            await Ok(water2.PostAsJsonAsync($"/api/v1/cases/{opened.Id()}/appeal", new { grounds = stored.Add(grounds) }, Ct));
            await Ok(director.PostAsJsonAsync($"/api/v1/cases/{opened.Id()}/rule-appeal", new { ruling = "DecisionStands", reasons = stored.Add(reasons) }, Ct));
        }
        // A complaint upheld becomes a case, whose page shows the complaint (its written answer is read through the API only).
        var (complaintText, complaintAnswer) = (new XssCorpus.Field("complaint", 2000, 60), new XssCorpus.Field("complaint-answer", 4000, 100));
        for (var i = 0; i < 3; i++)
        {
            var r = await student.ReportAsync().CreatedAsync();
            var complaint = await Ok(student.StepAsync(r, "complaints", new { kind = "BuckPassing", staffUserName = "water2", text = stored.Add(complaintText), shareIdentity = true }), HttpStatusCode.Created);
            await Ok(deputy.PostAsJsonAsync($"/api/v1/complaints/{complaint.Id()}/answer", new { answer = stored.Add(complaintAnswer, false), upheld = true }, Ct));
        }
        var all = await Ok(director.GetAsync("/api/v1/cases", Ct));
        foreach (var c in all.EnumerateArray())
        {
            await stored.ReadAsync(director, $"/cases/{c.Id()}", "the director");
            await stored.ReadAsync(water2, $"/cases/{c.Id()}", "the accused");
        }
        await stored.ReadAsync(director, "/cases", "the director");
        await stored.ReadAsync(water2, "/cases", "the accused");

        // Work logs: entries, the day's self-evaluation, the leader's review; and a post's written duties.
        var repair1 = web.As("repair1");
        var (process, result, method) = (new XssCorpus.Field("process", 2000), new XssCorpus.Field("entry-result", 2000, 60), new XssCorpus.Field("entry-method", 2000, 120));
        while (!process.WentRound || !result.WentRound || !method.WentRound)
        {
            await Ok(repair1.PostAsJsonAsync("/api/v1/worklog/2026-11-30/entries", new { process = stored.Add(process), result = stored.Add(result), method = stored.Add(method) }, Ct), HttpStatusCode.Created);
        }
        await Ok(repair1.PostAsJsonAsync("/api/v1/worklog/2026-11-30/close", new { satisfaction = 4, comment = stored.Add(new XssCorpus.Field("day-comment", 2000, 30)) }, Ct));
        await Ok(web.As("leader-repair").PostAsJsonAsync("/api/v1/team-worklogs/2026-11-30/repair1/review", new { comment = stored.Add(new XssCorpus.Field("review", 2000, 90)) }, Ct));
        var duties = new XssCorpus.Field("duties", 8000, 10);
        await Ok(director.PutAsJsonAsync("/api/v1/posts/repair-duty/duties", new { text = stored.Add(duties) }, Ct));
        await stored.ReadAsync(repair1, "/worklog?date=2026-11-30", "repair1");
        await stored.ReadAsync(web.As("leader-repair"), "/worklog/team?date=2026-11-30&person=repair1", "leader-repair");
        await stored.ReadAsync(repair1, "/posts/repair-duty/duties", "repair1");

        stored.AssertAllShownInert();
    }

    /// <summary>
    /// Payloads that stay harmless even written raw into a page: filter-evasion tricks whose raw form is broken markup,
    /// entity-encoded text, frameworks the pages never load, markup an HTML parser drops, links to http(s) sites.
    /// </summary>
    private static readonly HashSet<string> HarmlessRaw = new(StringComparer.Ordinal)
    {
        "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
        "<!--<script>window.__xss=1</script>-->",
        "<frameset onload=window.__xss=1>",
        "<td background=\"javascript:window.__xss=1\">",
        "<div ng-app ng-csp><input autofocus ng-focus=\"$event.view.__xss=1\"></div>",
        "<div v-html=\"'<img src=x onerror=window.__xss=1>'\"></div>",
        "&lt;script&gt;window.__xss=1&lt;/script&gt;",
        "&amp;lt;script&amp;gt;window.__xss=1&amp;lt;/script&amp;gt;",
        "&#60;script&#62;window.__xss=1&#60;/script&#62;",
        "&#x3C;script&#x3E;window.__xss=1&#x3C;/script&#x3E;",
        "<scrİpt>window.__xss=1</scrİpt>",
        "<ſcript>window.__xss=1</ſcript>",
        "<?xml version=\"1.0\"?><html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">window.__xss=1</html:script>",
        "<![CDATA[<script>window.__xss=1</script>]]>",
        "<a href=\"https://evil.example\" target=_blank>tabnabbing</a>",
    };

    /// <summary>The inspector itself: each payload written raw into a page (as a careless template would) is caught, unless it is harmless raw.</summary>
    [Fact]
    public void Every_markup_payload_is_caught_live_when_it_is_not_escaped()
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var missed = XssCorpus.Payloads
            .Where(p => !HarmlessRaw.Contains(p))
            .Where(p => parser.ParseDocument("<!doctype html><html><body><p>" + p + "</p></body></html>").Body!.TextContent.Trim() != p.Trim())
            .Where(p => XssCorpus.LiveParts(parser.ParseDocument("<!doctype html><html><body><p>" + p + "</p></body></html>")).Count == 0)
            .ToList();
        Assert.True(missed.Count == 0, "not caught:\n" + string.Join("\n", missed));
    }

    [Fact]
    public async Task Payloads_in_procedures_render_inert_and_a_clause_keeps_no_script_handler_or_script_url()
    {
        var (app, web) = await StartAsync();
        await using var running = app;
        var id = await web.RulesIdAsync();
        var director = web.As("director");
        var stored = new Stored();

        // Version 2 is out for consultation: anyone signed in comments; the director answers once it closes.
        var (comment, reply) = (new XssCorpus.Field("comment", 2000), new XssCorpus.Field("reply", 2000, 70));
        var commenters = new[] { web.As("student"), web.As("teacher"), web.As("water2") };
        for (var i = 0; !comment.WentRound; i++)
        {
            await Ok(commenters[i % commenters.Length].PostAsJsonAsync(VersionUrl(id, 2, "comments"), new { clause = 1 + i % 8, text = stored.Add(comment) }, Ct), HttpStatusCode.Created);
        }
        await web.AdvanceAsync("P14D");
        foreach (var c in (await Ok(director.GetAsync(VersionUrl(id, 2, "comments"), Ct))).EnumerateArray())
        {
            await Ok(director.PostAsJsonAsync(VersionUrl(id, 2, $"comments/{c.Id()}/answer"), new { outcome = "PartlyAdopted", reason = stored.Add(reply) }, Ct));
        }
        await Ok(director.PostAsJsonAsync(VersionUrl(id, 2, "submit"), new { }, Ct));
        await Ok(web.As("principal-office").ApproveAsync(id, 2, DateTimeOffset.Parse("2026-12-15T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), "2026-12-14"));
        await web.AdvanceAsync("P1D");

        // Version 3: clauses written with the whole corpus in them, sanitised on the way in; headings as plain text.
        await Ok(director.PostAsJsonAsync($"/api/v1/procedures/{id}/versions", new { }, Ct), HttpStatusCode.Created);
        var heading = new XssCorpus.Field("heading", 200);
        var clauseText = string.Join("\n", XssCorpus.Payloads.Select(p => $"<p>{p}</p>")) + "\n" + string.Join("\n", XssCorpus.Payloads);
        foreach (var n in new[] { 1, 9, 10 })
        {
            var written = await Ok(director.PutAsJsonAsync(VersionUrl(id, 3, $"clauses/{n}"), new { heading = stored.Add(heading), text = $"<p>XSS-clause-{n}</p>" + clauseText }, Ct));
            var kept = written.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == n).Str("text");
            var live = XssCorpus.LiveParts(new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<!doctype html><html><body>" + kept + "</body></html>"));
            Assert.True(live.Count == 0, $"clause {n} keeps: " + string.Join("\n", live));
            Assert.Contains($"XSS-clause-{n}", kept, StringComparison.Ordinal);
        }
        await Ok(director.PostAsJsonAsync(VersionUrl(id, 3, "start-discussion"), new { }, Ct));
        var staffComment = new XssCorpus.Field("staff-comment", 2000, 50);
        while (!staffComment.WentRound)
        {
            await Ok(web.As("water2").PostAsJsonAsync(VersionUrl(id, 3, "comments"), new { clause = 9, text = stored.Add(staffComment) }, Ct), HttpStatusCode.Created);
        }

        foreach (var (client, who) in new[] { (director, "director"), (web.As("water2"), "water2") })
        {
            await stored.ReadAsync(client, $"/procedures/{id}/v/2", who);
            await stored.ReadAsync(client, $"/procedures/{id}/v/3", who);
            await stored.ReadAsync(client, $"/procedures/{id}/diff?from=2&to=3", who);
            await stored.ReadAsync(client, "/procedures", who);
        }
        await stored.ReadAsync(web.ClientAs(null), $"/procedures/{id}/v/2", "the public");
        stored.AssertAllShownInert();
    }
}
