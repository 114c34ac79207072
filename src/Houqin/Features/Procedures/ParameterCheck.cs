using System.Text.Json;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.Procedures;

/// <summary>
/// What a draft may carry: only parameters the code knows (a commitment only for an existing category), each
/// in its unit. Refused here, at drafting time, so an approved version can never hold a value nobody reads.
/// </summary>
public sealed class ParameterCheck(AppDbContext db)
{
    /// <summary>The parameter and the value in canonical form; 422 (<see cref="ProcedureFieldException"/>) naming the key otherwise.</summary>
    public async Task<(PolicyParameter Parameter, string Value)> CheckAsync(string key, JsonElement value, CancellationToken ct)
    {
        var categories = key.StartsWith(PolicyCatalog.CommitmentPrefix, StringComparison.Ordinal)
            ? await db.Set<ServiceCategory>().Select(c => c.Code).ToListAsync(ct)
            : [];
        var p = PolicyCatalog.Find(key, categories.Contains) ?? throw new ProcedureFieldException(key, $"{key} is not a policy parameter Houqin knows.");
        try
        {
            return (p, PolicyValues.Canonical(p, value));
        }
        catch (PolicyValueException e)
        {
            throw new ProcedureFieldException(key, e.Message);
        }
    }
}
