using System.Globalization;
using System.Text.Json;

namespace Houqin.Infrastructure.Policies;

/// <summary>
/// The parameters in force at one instant, as code reads them. A parameter the enacted version does not carry
/// reads as the catalog's default and says so (<see cref="FromProcedure"/>).
/// </summary>
public sealed class PolicySnapshot
{
    private readonly IReadOnlyDictionary<string, string> values;

    public PolicySnapshot(Guid? procedureId, int? version, DateTime? effectiveAt, IReadOnlyDictionary<string, string> values)
    {
        ProcedureId = procedureId;
        Version = version;
        EffectiveAt = effectiveAt;
        this.values = values;
    }

    /// <summary>What runs before any procedure is enacted: the catalog's defaults.</summary>
    public static readonly PolicySnapshot Defaults = new(null, null, null, new Dictionary<string, string>());

    public Guid? ProcedureId { get; }

    public int? Version { get; }

    public DateTime? EffectiveAt { get; }

    /// <summary>The enacted values (key → canonical JSON).</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    public bool FromProcedure(string key) => values.ContainsKey(key);

    /// <summary>The canonical JSON of <paramref name="key"/>: enacted, or the default of a fixed parameter.</summary>
    public string Json(string key) =>
        values.TryGetValue(key, out var v) ? v
        : PolicyCatalog.Fixed.FirstOrDefault(p => p.Key == key)?.Default ?? throw new KeyNotFoundException($"No policy parameter {key}.");

    public PolicyDuration Duration(string key) => PolicyDuration.Parse(JsonSerializer.Deserialize<string>(Json(key))!);

    public long Count(string key) => long.Parse(Json(key), CultureInfo.InvariantCulture);

    public bool Flag(string key) => Json(key) == "true";

    public decimal Yuan(string key) => decimal.Parse(Json(key), CultureInfo.InvariantCulture);

    public IReadOnlyList<string> Codes(string key) => JsonSerializer.Deserialize<string[]>(Json(key))!;

    /// <summary>
    /// A commitment: the category's own, else its parent's, else the default for the urgency. Null when not even a
    /// default is enacted, so the caller falls back to the catalog's.
    /// </summary>
    public PolicyDuration Commitment(string category, string? parent, string urgency, string stage)
    {
        foreach (var c in new[] { category, parent, PolicyCatalog.DefaultCategory })
        {
            if (c is not null && values.TryGetValue(PolicyCatalog.CommitmentKey(c, urgency, stage), out var v))
            {
                return PolicyDuration.Parse(JsonSerializer.Deserialize<string>(v)!);
            }
        }
        var fallback = PolicyCatalog.Find(PolicyCatalog.CommitmentKey(PolicyCatalog.DefaultCategory, urgency, stage), _ => false)!;
        return PolicyDuration.Parse(JsonSerializer.Deserialize<string>(fallback.Default)!);
    }
}
