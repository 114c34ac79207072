using System.Text.Json;
using Houqin.Infrastructure.Policies;

namespace Houqin.Features.Procedures;

/// <summary>Turns an approved version into the policy mechanism's enactment.</summary>
public static class Enactments
{
    public static PolicyEnactment Of(ProcedureVersion v, DateTime now) =>
        new(
            v.ProcedureId,
            v.Number,
            v.EffectiveAt ?? throw new InvalidOperationException("Only an approved version is enacted."),
            JsonSerializer.Serialize(v.Parameters.ToDictionary(p => p.Key, p => p.Value)),
            now
        );
}
