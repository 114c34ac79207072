using System.Text.Json;
using Houqin.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Assessment;

/// <summary>The director's sign-off of a month: from then on its scorecards are the stored ones, never recomputed.</summary>
public sealed class SignedMonth
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The month as "yyyy-MM"; unique, so a second sign-off (even a concurrent one) is refused.</summary>
    public string Month { get; private set; } = "";

    public Guid SignedById { get; private set; }

    public DateTime SignedAt { get; private set; }

    /// <summary>The procedure version whose weights and rules the month was scored by (null: the defaults).</summary>
    public int? PolicyVersion { get; private set; }

    private SignedMonth() { }

    public static SignedMonth Sign(AssessmentMonth month, Guid by, DateTime now, int? policyVersion)
    {
        if (now < month.ToUtc)
        {
            throw new AssessmentRuleException("month_not_over", "A month is signed off only once it is over.");
        }
        return new SignedMonth { Month = month.ToString(), SignedById = by, SignedAt = now, PolicyVersion = policyVersion };
    }
}

/// <summary>One person's card as it stood when the month was signed off (figures without the requests behind them).</summary>
public sealed class SignedScorecard
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Month { get; private set; } = "";

    public Guid UserId { get; private set; }

    public List<string> Teams { get; private set; } = [];

    public decimal? Score { get; private set; }

    public Grade? Grade { get; private set; }

    public decimal Reward { get; private set; }

    /// <summary>The figures as JSON: stored whole, read whole, never queried inside.</summary>
    public string FiguresJson { get; private set; } = "[]";

    private SignedScorecard() { }

    public static SignedScorecard Of(AssessmentMonth month, Guid userId, IReadOnlyList<string> teams, Outcome o) =>
        new()
        {
            Month = month.ToString(),
            UserId = userId,
            Teams = [.. teams],
            Score = o.Score,
            Grade = o.Grade,
            Reward = o.Reward,
            FiguresJson = JsonSerializer.Serialize(o.Figures.Select(f => f with { RequestIds = null }), Json),
        };

    public Outcome Outcome => new(JsonSerializer.Deserialize<List<Figure>>(FiguresJson, Json)!, Score, Grade, Reward);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

internal sealed class SignedMonthConfiguration : IEntityTypeConfiguration<SignedMonth>
{
    public void Configure(EntityTypeBuilder<SignedMonth> b)
    {
        b.ToTable("signed_months");
        b.HasIndex(e => e.Month).IsUnique();
        b.Property(e => e.Month).HasMaxLength(7);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.SignedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignedScorecardConfiguration : IEntityTypeConfiguration<SignedScorecard>
{
    public void Configure(EntityTypeBuilder<SignedScorecard> b)
    {
        b.ToTable("signed_scorecards");
        b.HasIndex(e => new { e.Month, e.UserId }).IsUnique();
        b.Property(e => e.Month).HasMaxLength(7);
        b.Property(e => e.Grade).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Score).HasPrecision(5, 1);
        b.Property(e => e.Reward).HasPrecision(12, 2);
        b.PrimitiveCollection(e => e.Teams);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
