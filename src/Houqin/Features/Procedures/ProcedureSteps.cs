using System.Text.Json;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Outbox;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures;

/// <summary>How a step ended, for the API (problem+json) and the pages (a message on the form) alike.</summary>
public sealed record ProcedureOutcome(int Status, string? Code, string? Field, string? Message)
{
    public Procedure? Procedure { get; init; }

    public ProcedureVersion? Version { get; init; }

    /// <summary>The comment a comment step wrote or answered.</summary>
    public ProcedureComment? Comment { get; init; }

    public bool Succeeded => Status is StatusCodes.Status200OK or StatusCodes.Status201Created;

    public static ProcedureOutcome Done(Procedure p, ProcedureVersion v) => new(StatusCodes.Status200OK, null, null, null) { Procedure = p, Version = v };

    public static readonly ProcedureOutcome NotFound = new(StatusCodes.Status404NotFound, "not_found", null, "No such procedure version");

    public static ProcedureOutcome Refused(ProcedureRuleException e) =>
        new(e.Code == ProcedureRuleException.NotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, e.Code, null, e.Message);

    public static ProcedureOutcome Invalid(string field, string message) => new(StatusCodes.Status422UnprocessableEntity, "invalid_field", field, message);

    public static readonly ProcedureOutcome ConcurrentChange = new(
        StatusCodes.Status409Conflict,
        "concurrent_change",
        null,
        "Someone else changed this version; reload it and try again."
    );
}

/// <summary>
/// The steps of a procedure version's life (docs/decisions/0009), one method each, for the API and the pages:
/// each loads the version the caller may see, checks who may take the step, lets the entity's guarded method
/// decide whether it fits the version's state, records the audit event and saves it all in one unit of work.
/// </summary>
public sealed class ProcedureSteps(
    AppDbContext db,
    AuditLog audit,
    TimeProvider clock,
    CurrentActor actor,
    ParameterCheck parameters,
    Deadlines deadlines,
    Outbox outbox,
    Policies policies
)
{
    public const string ConsultationClosesKind = "procedure.consultation_closes";
    public const string TakesEffectKind = "procedure.takes_effect";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The next version, copied from the latest published one (clauses and parameters), for the office to
    /// redraft. One version is in the works at a time, so the meeting never weighs two drafts of the same rules.
    /// </summary>
    public async Task<ProcedureOutcome> NewDraftAsync(Guid procedureId, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Id == procedureId, ct);
        if (procedure is null)
        {
            return ProcedureOutcome.NotFound;
        }
        var versions = await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == procedureId).ToListAsync(ct);
        ProcedureVersion draft;
        try
        {
            RequireDrafter(procedure);
            if (versions.FirstOrDefault(v => !v.IsPublished) is { } open)
            {
                throw new ProcedureRuleException(
                    ProcedureRuleException.DraftInProgress,
                    $"Version {open.Number} is still {open.Status}: it goes to the meeting or is withdrawn before the next is drafted."
                );
            }
            var from = versions.Where(v => v.Status is VersionStatus.Approved or VersionStatus.InForce).MaxBy(v => v.Number);
            var number = versions.Count == 0 ? 1 : versions.Max(v => v.Number) + 1;
            draft = ProcedureVersion.Draft(procedure.Id, number, from, actor.UserId!.Value, Now);
            db.Add(draft);
            Record("drafted", procedure, draft, new { from = from?.Number });
        }
        catch (ProcedureRuleException e)
        {
            return ProcedureOutcome.Refused(e);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two drafts at once: the unique (procedure, number) index lets one through.
            db.ChangeTracker.Clear();
            return ProcedureOutcome.ConcurrentChange;
        }
        return ProcedureOutcome.Done(procedure, draft) with { Status = StatusCodes.Status201Created };
    }

    public Task<ProcedureOutcome> WriteClauseAsync(Guid procedureId, int number, int clause, string? heading, string? text, CancellationToken ct) =>
        RunAsync(
            procedureId,
            number,
            "clause_written",
            (p, v, _) =>
            {
                RequireDrafter(p);
                v.WriteClause(clause, heading ?? "", text ?? "");
                return Task.FromResult<object?>(new { clause });
            },
            ct
        );

    public Task<ProcedureOutcome> RemoveClauseAsync(Guid procedureId, int number, int clause, CancellationToken ct) =>
        RunAsync(
            procedureId,
            number,
            "clause_removed",
            (p, v, _) =>
            {
                RequireDrafter(p);
                v.RemoveClause(clause);
                return Task.FromResult<object?>(new { clause });
            },
            ct
        );

    /// <summary>Sets a policy parameter, checked against the catalog and made canonical; an unknown key or a value in the wrong unit is a 422 naming the key.</summary>
    public Task<ProcedureOutcome> SetParameterAsync(Guid procedureId, int number, string key, JsonElement value, CancellationToken ct) =>
        RunAsync(
            procedureId,
            number,
            "parameter_set",
            async (p, v, _) =>
            {
                RequireDrafter(p);
                RequireEditable(v);
                if (!p.CarriesPolicy)
                {
                    throw new ProcedureFieldException(key, $"《{p.Title}》 carries clauses only, no policy parameters.");
                }
                var before = v.ParameterValue(key);
                var (_, canonical) = await parameters.CheckAsync(key, value, ct);
                v.SetParameter(key, canonical);
                return new { key, before, after = canonical };
            },
            ct
        );

    public Task<ProcedureOutcome> StartDiscussionAsync(Guid procedureId, int number, CancellationToken ct) =>
        RunAsync(
            procedureId,
            number,
            "discussion_started",
            (p, v, now) =>
            {
                RequireDrafter(p);
                v.StartDiscussion(now);
                return Task.FromResult<object?>(null);
            },
            ct
        );

    /// <summary>Opens the public consultation until <paramref name="closesAt"/>; comments after it are refused by the clock, the timer only tells the drafter.</summary>
    public Task<ProcedureOutcome> StartConsultationAsync(Guid procedureId, int number, DateTime? closesAt, CancellationToken ct) =>
        RunAsync(
            procedureId,
            number,
            "consultation_started",
            (p, v, now) =>
            {
                RequireDrafter(p);
                var until = closesAt ?? throw new ProcedureFieldException("closesAt", "closesAt is required: the instant the consultation closes.");
                v.StartConsultation(until, now);
                deadlines.Schedule(ConsultationClosesKind, v.Id, until);
                return Task.FromResult<object?>(new { closesAt = until });
            },
            ct
        );

    /// <summary>A comment on a clause: the office's staff during the discussion, anyone signed in during the consultation.</summary>
    public async Task<ProcedureOutcome> CommentAsync(Guid procedureId, int number, int clause, string? text, CancellationToken ct)
    {
        ProcedureComment? comment = null;
        var outcome = await RunAsync(
            procedureId,
            number,
            "commented",
            (_, v, now) =>
            {
                var by = actor.UserId ?? throw new ProcedureRuleException(ProcedureRuleException.NotAllowed, "Sign in to comment.");
                comment = ProcedureComment.Make(v, clause, by, ProcedureAccess.IsOfficeStaff(actor.Principal), text ?? "", now);
                db.Add(comment);
                return Task.FromResult<object?>(new { clause, stage = comment.Stage.ToString(), comment = comment.Id });
            },
            ct
        );
        return outcome.Succeeded ? outcome with { Comment = comment } : outcome;
    }

    /// <summary>The office's answer to a comment (adopted, partly, not adopted, with the reason), published with the final text.</summary>
    public async Task<ProcedureOutcome> AnswerCommentAsync(Guid procedureId, int number, Guid commentId, CommentOutcome? answer, string? reason, CancellationToken ct)
    {
        ProcedureComment? comment = null;
        var outcome = await RunAsync(
            procedureId,
            number,
            "comment_answered",
            async (p, v, now) =>
            {
                RequireDrafter(p);
                comment = await db.Set<ProcedureComment>().SingleOrDefaultAsync(c => c.Id == commentId && c.VersionId == v.Id, ct)
                    ?? throw new ProcedureFieldException("comment", $"Version {v.Number} has no such comment.");
                var o = answer ?? throw new ProcedureFieldException("outcome", "outcome is Adopted, PartlyAdopted or NotAdopted.");
                comment.Answer(v, o, reason ?? "", actor.UserId!.Value, now);
                return new { comment = comment.Id, outcome = o.ToString() };
            },
            ct
        );
        return outcome.Succeeded ? outcome with { Comment = comment } : outcome;
    }

    /// <summary>To the principal's office meeting, once the consultation has closed and each of its comments is answered.</summary>
    public Task<ProcedureOutcome> SubmitAsync(Guid procedureId, int number, CancellationToken ct) =>
        RunAsync(
            procedureId,
            number,
            "submitted",
            async (p, v, now) =>
            {
                RequireDrafter(p);
                var unanswered = await db.Set<ProcedureComment>()
                    .CountAsync(c => c.VersionId == v.Id && c.Stage == CommentStage.Consultation && c.Outcome == null, ct);
                v.Submit(unanswered, now);
                return null;
            },
            ct
        );

    /// <summary>
    /// The meeting's approval: the version is published, its parameters are enacted at
    /// <paramref name="effectiveAt"/> (the policy mechanism picks them by the clock from that instant on), and the
    /// timer that puts the version in force is set.
    /// </summary>
    public async Task<ProcedureOutcome> ApproveAsync(
        Guid procedureId,
        int number,
        DateOnly? meetingDate,
        string? minutesRef,
        string? resolutionNo,
        DateTime? effectiveAt,
        CancellationToken ct
    )
    {
        var outcome = await RunAsync(
            procedureId,
            number,
            "approved",
            (p, v, now) =>
            {
                RequireApprover();
                var meeting = meetingDate ?? throw new ProcedureFieldException("meetingDate", "meetingDate is required (yyyy-MM-dd).");
                var effective = effectiveAt ?? throw new ProcedureFieldException("effectiveAt", "effectiveAt is required: the instant the version takes effect.");
                v.Approve(meeting, minutesRef ?? "", resolutionNo ?? "", effective, actor.UserId!.Value, now);
                if (p.CarriesPolicy)
                {
                    db.Add(Enactments.Of(v, now));
                }
                deadlines.Schedule(TakesEffectKind, v.Id, effective);
                return Task.FromResult<object?>(new { meetingDate = meeting, v.MinutesRef, v.ResolutionNo, effectiveAt = effective });
            },
            ct
        );
        if (outcome.Succeeded)
        {
            policies.Invalidate();
        }
        return outcome;
    }

    /// <summary>The meeting sends the version back to the office, which redrafts it from a draft again.</summary>
    public Task<ProcedureOutcome> SendBackAsync(Guid procedureId, int number, string? reason, CancellationToken ct) =>
        RunAsync(
            procedureId,
            number,
            "sent_back",
            (p, v, _) =>
            {
                RequireApprover();
                v.SendBack(reason ?? "");
                outbox.Notify(
                    ProcedureAccess.Drafters(p, v),
                    "procedure.sent_back",
                    Procedure.SubjectType,
                    v.Id,
                    new Dictionary<string, string>
                    {
                        ["procedure"] = p.Id.ToString(),
                        ["title"] = p.Title,
                        ["version"] = v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["reason"] = v.SentBackReason!,
                    }
                );
                return Task.FromResult<object?>(null);
            },
            ct,
            reason
        );

    /// <summary>
    /// Loads the version the caller may see (others get a 404, as if it did not exist), runs the step, records
    /// <c>procedure.{action}</c> and saves; nothing is half-applied.
    /// </summary>
    private async Task<ProcedureOutcome> RunAsync(
        Guid procedureId,
        int number,
        string action,
        Func<Procedure, ProcedureVersion, DateTime, Task<object?>> step,
        CancellationToken ct,
        string? note = null
    )
    {
        var now = Now;
        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Id == procedureId, ct);
        var version = procedure is null
            ? null
            : await db.Set<ProcedureVersion>().SingleOrDefaultAsync(v => v.ProcedureId == procedureId && v.Number == number, ct);
        if (procedure is null || version is null || !ProcedureAccess.CanRead(actor.Principal, version.Status))
        {
            return ProcedureOutcome.NotFound;
        }
        try
        {
            var details = await step(procedure, version, now);
            Record(action, procedure, version, details, note);
        }
        catch (ProcedureRuleException e)
        {
            db.ChangeTracker.Clear();
            return ProcedureOutcome.Refused(e);
        }
        catch (ProcedureFieldException e)
        {
            db.ChangeTracker.Clear();
            return ProcedureOutcome.Invalid(e.Field, e.Message);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ProcedureOutcome.ConcurrentChange;
        }
        return ProcedureOutcome.Done(procedure, version);
    }

    /// <summary>
    /// The director names the office member who drafts and moves versions along beside the director (or nobody:
    /// <paramref name="userName"/> null). Only office staff can be named; the naming is an audit event.
    /// </summary>
    public async Task<ProcedureOutcome> NameClerkAsync(Guid procedureId, string? userName, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Id == procedureId, ct);
        if (procedure is null)
        {
            return ProcedureOutcome.NotFound;
        }
        if (actor.Principal?.IsInRole(Roles.Director) != true)
        {
            return ProcedureOutcome.Refused(new ProcedureRuleException(ProcedureRuleException.NotAllowed, "Only the director names the procedure's clerk."));
        }
        Guid? clerk = null;
        if (!string.IsNullOrWhiteSpace(userName))
        {
            clerk = await OrganisationQueries.ActiveOfficeStaffAsync(db, userName, ct);
            if (clerk is null)
            {
                return ProcedureOutcome.Invalid("userName", "No active member of the office's staff has that user name.");
            }
        }
        procedure.NameClerk(clerk);
        audit.Record("procedure.clerk_named", Procedure.SubjectType, procedure.Id, new { procedure = procedure.Code, clerk = userName?.Trim() });
        await db.SaveChangesAsync(ct);
        return new ProcedureOutcome(StatusCodes.Status200OK, null, null, null) { Procedure = procedure };
    }

    private void Record(string action, Procedure p, ProcedureVersion v, object? details, string? note = null) =>
        audit.Record(
            "procedure." + action,
            Procedure.SubjectType,
            v.Id,
            new
            {
                procedure = p.Code,
                version = v.Number,
                status = v.Status.ToString(),
                details,
            },
            note
        );

    private void RequireDrafter(Procedure p)
    {
        if (!ProcedureAccess.MayDraft(actor.Principal, p))
        {
            throw new ProcedureRuleException(ProcedureRuleException.NotAllowed, "Only the director, or the office member the director named, moves a version along.");
        }
    }

    private void RequireApprover()
    {
        if (!ProcedureAccess.MayApprove(actor.Principal))
        {
            throw new ProcedureRuleException(ProcedureRuleException.NotAllowed, "Only the principal's office meeting approves or sends back a version.");
        }
    }

    private static void RequireEditable(ProcedureVersion v)
    {
        if (!v.IsEditable)
        {
            throw new ProcedureRuleException(ProcedureRuleException.Immutable, $"Version {v.Number} is {v.Status}: its text and parameters no longer change.");
        }
    }
}
