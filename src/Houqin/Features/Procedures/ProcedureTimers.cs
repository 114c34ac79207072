using System.Globalization;
using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures;

/// <summary>
/// The consultation's closing instant passed. Comments after it are already refused by the clock; this only
/// records the close and tells the drafter that the answers and the submission are theirs now.
/// </summary>
internal sealed class ConsultationCloses(AppDbContext db, AuditLog audit, Outbox outbox, TimeProvider clock) : IDeadlineHandler
{
    public string Kind => ProcedureSteps.ConsultationClosesKind;

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        var v = await db.Set<ProcedureVersion>().SingleOrDefaultAsync(x => x.Id == deadline.SubjectId, ct);
        if (v is null || v.Status != VersionStatus.Consultation || v.AcceptsPublicComments(clock.GetUtcNow().UtcDateTime))
        {
            return;
        }
        var p = await db.Set<Procedure>().SingleAsync(x => x.Id == v.ProcedureId, ct);
        var comments = await db.Set<ProcedureComment>().CountAsync(c => c.VersionId == v.Id && c.Stage == CommentStage.Consultation, ct);
        audit.RecordAs(CurrentActor.System, "procedure.consultation_closed", Procedure.SubjectType, v.Id, new { procedure = p.Code, version = v.Number, comments });
        outbox.Notify(
            ProcedureAccess.Drafters(p, v),
            "procedure.consultation_closed",
            Procedure.SubjectType,
            v.Id,
            new Dictionary<string, string>
            {
                ["procedure"] = p.Id.ToString(),
                ["title"] = p.Title,
                ["version"] = v.Number.ToString(CultureInfo.InvariantCulture),
                ["comments"] = comments.ToString(CultureInfo.InvariantCulture),
            }
        );
    }
}

/// <summary>
/// An approved version's effective instant came: it is in force and the one before it superseded. The policy
/// itself already changed at that instant (the enactment is picked by the clock); this moves the documents.
/// </summary>
internal sealed class VersionTakesEffect(AppDbContext db, AuditLog audit, TimeProvider clock) : IDeadlineHandler
{
    public string Kind => ProcedureSteps.TakesEffectKind;

    public async Task HandleAsync(Deadline deadline, IServiceProvider services, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var v = await db.Set<ProcedureVersion>().SingleOrDefaultAsync(x => x.Id == deadline.SubjectId, ct);
        if (v is null || v.Status != VersionStatus.Approved || v.EffectiveAt > now)
        {
            return;
        }
        var p = await db.Set<Procedure>().SingleAsync(x => x.Id == v.ProcedureId, ct);
        var previous = await db.Set<ProcedureVersion>().Where(x => x.ProcedureId == v.ProcedureId && x.Status == VersionStatus.InForce).ToListAsync(ct);
        foreach (var old in previous)
        {
            old.Supersede(now);
            audit.RecordAs(CurrentActor.System, "procedure.superseded", Procedure.SubjectType, old.Id, new { procedure = p.Code, version = old.Number, by = v.Number });
        }
        v.TakeEffect();
        audit.RecordAs(CurrentActor.System, "procedure.took_effect", Procedure.SubjectType, v.Id, new { procedure = p.Code, version = v.Number, v.EffectiveAt });
    }
}
