using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Policies;

/// <summary>
/// The parameters of an approved procedure version and the instant they take effect, written once when the
/// principal's office meeting approves it. The policy in force at an instant is the enactment with the latest
/// <see cref="EffectiveAt"/> not after it; nothing else writes this table, so a parameter changes only through
/// an approved version (ARCHITECTURE.md "Policies").
/// </summary>
public sealed class PolicyEnactment
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ProcedureId { get; private set; }

    public int Version { get; private set; }

    public DateTime EffectiveAt { get; private set; }

    public DateTime EnactedAt { get; private set; }

    /// <summary>A JSON object of key → canonical value.</summary>
    public string Parameters { get; private set; } = "{}";

    private PolicyEnactment() { }

    public PolicyEnactment(Guid procedureId, int version, DateTime effectiveAt, string parameters, DateTime enactedAt)
    {
        ProcedureId = procedureId;
        Version = version;
        EffectiveAt = effectiveAt;
        Parameters = parameters;
        EnactedAt = enactedAt;
    }
}

internal sealed class PolicyEnactmentConfiguration : IEntityTypeConfiguration<PolicyEnactment>
{
    public void Configure(EntityTypeBuilder<PolicyEnactment> b)
    {
        b.ToTable("policy_enactments");
        b.HasIndex(e => new { e.ProcedureId, e.Version }).IsUnique();
        b.HasIndex(e => e.EffectiveAt);
    }
}
