using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Procedures;

/// <summary>
/// A work procedure of the office (工作规程), e.g. 《总务后勤工作规程》: a title and its versions. The one that
/// <see cref="CarriesPolicy"/> is the office's rules: its approved versions carry the policy parameters Houqin
/// runs on; other procedures carry clauses only.
/// </summary>
public sealed class Procedure
{
    public const string SubjectType = "Procedure";

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Code { get; private set; } = "";

    public string Title { get; private set; } = "";

    public bool CarriesPolicy { get; private set; }

    /// <summary>The office member the director named to draft and move versions along besides the director.</summary>
    public Guid? ClerkId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    private Procedure() { }

    public Procedure(string code, string title, bool carriesPolicy, DateTime now)
    {
        Code = Houqin.Features.Organisation.Codes.Require(code, nameof(code));
        Title = Houqin.Features.Organisation.Codes.RequireText(title, nameof(title));
        CarriesPolicy = carriesPolicy;
        CreatedAt = now;
    }

    public void NameClerk(Guid? clerkId)
    {
        ClerkId = clerkId;
        Version = Guid.NewGuid();
    }
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> b)
    {
        b.ToTable("procedures");
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
