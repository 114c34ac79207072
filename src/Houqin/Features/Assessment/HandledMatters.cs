using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Assessment;

/// <summary>
/// What a person handled on the service desk on a Beijing date, read from the requests' recorded steps (the audit
/// log, by actor and time) and the requests themselves: one matter per request, with the steps they took that day.
/// Read only; the service desk's tables are never written from here.
/// </summary>
public static class HandledMatters
{
    public sealed record StepDto(string Action, DateTime At);

    public sealed record MatterDto(Guid RequestId, string Number, string Description, string Status, IReadOnlyList<StepDto> Steps, string? Method, string? Result);

    /// <summary>The steps that count as handling a matter (the action names the service desk records).</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "service_request.acknowledged",
        "service_request.handoff_accepted",
        "service_request.arrived",
        "service_request.handed_off",
        "service_request.completed",
    ];

    public static async Task<IReadOnlyList<MatterDto>> OnAsync(AppDbContext db, string userName, DateOnly date, CancellationToken ct)
    {
        var from = ChecklistOpening.Midnight(date);
        var to = ChecklistOpening.Midnight(date.AddDays(1));
        var steps = await db.Set<AuditEvent>()
            .Where(e => e.Actor == userName && e.At >= from && e.At < to && e.SubjectType == Intake.SubjectType && Actions.Contains(e.Action))
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.SubjectId, e.Action, e.At })
            .ToListAsync(ct);
        var ids = steps.Select(s => Guid.TryParse(s.SubjectId, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        var requests = await db.Set<ServiceRequest>()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Number, r.Description, r.Status, r.CompletionMethod, r.CompletionResult })
            .ToDictionaryAsync(r => r.Id, ct);
        return steps
            .GroupBy(s => s.SubjectId)
            .Where(g => Guid.TryParse(g.Key, out var id) && requests.ContainsKey(id))
            .Select(g =>
            {
                var r = requests[Guid.Parse(g.Key)];
                var done = g.Any(s => s.Action == "service_request.completed");
                return new MatterDto(
                    r.Id,
                    r.Number,
                    r.Description,
                    r.Status.ToString(),
                    g.Select(s => new StepDto(s.Action["service_request.".Length..], s.At)).ToList(),
                    done ? r.CompletionMethod : null,
                    done ? r.CompletionResult : null
                );
            })
            .ToList();
    }
}
