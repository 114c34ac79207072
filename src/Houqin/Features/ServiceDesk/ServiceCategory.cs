using Houqin.Features.Organisation;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk;

public enum Urgency
{
    Normal,
    Urgent,
    Emergency,
}

/// <summary>Which clock a commitment runs on: office hours of the working calendar, or round the clock (emergencies).</summary>
public enum CommitmentClock
{
    WorkingHours,
    Always,
}

/// <summary>One published target (服务承诺): so many minutes on a clock.</summary>
public readonly record struct Target(int Minutes, CommitmentClock Clock)
{
    public static Target Working(int minutes) => new(minutes, CommitmentClock.WorkingHours);

    public static Target Always(int minutes) => new(minutes, CommitmentClock.Always);

    public BusinessInstant From(DateTime startUtc, WorkingCalendar calendar, WorkingPlace place) =>
        Clock == CommitmentClock.Always
            ? new BusinessInstant(WorkingCalendar.Add24x7(startUtc, TimeSpan.FromMinutes(Minutes)), false)
            : calendar.AddWorkingTime(startUtc, TimeSpan.FromMinutes(Minutes), place);
}

/// <summary>The instants a request's commitments fall due, fixed when it is created.</summary>
public sealed record CommitmentDeadlines(DateTime AcknowledgeBy, DateTime ArriveBy, DateTime ResolveBy, bool Provisional);

/// <summary>A category's commitments for one urgency: acknowledge, be on site, resolve.</summary>
public sealed class ServiceCommitment
{
    public Urgency Urgency { get; private set; }

    public int AcknowledgeMinutes { get; private set; }

    public CommitmentClock AcknowledgeClock { get; private set; }

    public int ArriveMinutes { get; private set; }

    public CommitmentClock ArriveClock { get; private set; }

    public int ResolveMinutes { get; private set; }

    public CommitmentClock ResolveClock { get; private set; }

    private ServiceCommitment() { }

    public ServiceCommitment(Urgency urgency, Target acknowledge, Target arrive, Target resolve)
    {
        if (acknowledge.Minutes <= 0 || arrive.Minutes <= 0 || resolve.Minutes <= 0)
        {
            throw new ArgumentException("Every commitment is a positive number of minutes.");
        }
        Urgency = urgency;
        (AcknowledgeMinutes, AcknowledgeClock) = (acknowledge.Minutes, acknowledge.Clock);
        (ArriveMinutes, ArriveClock) = (arrive.Minutes, arrive.Clock);
        (ResolveMinutes, ResolveClock) = (resolve.Minutes, resolve.Clock);
    }

    public Target Acknowledge => new(AcknowledgeMinutes, AcknowledgeClock);

    public Target Arrive => new(ArriveMinutes, ArriveClock);

    public Target Resolve => new(ResolveMinutes, ResolveClock);

    /// <summary>Each target counts from the moment the request is made, not from the previous step.</summary>
    public CommitmentDeadlines DueFrom(DateTime createdUtc, WorkingCalendar calendar, WorkingPlace place)
    {
        var a = Acknowledge.From(createdUtc, calendar, place);
        var o = Arrive.From(createdUtc, calendar, place);
        var r = Resolve.From(createdUtc, calendar, place);
        return new(a.Utc, o.Utc, r.Utc, a.Provisional || o.Provisional || r.Provisional);
    }
}

/// <summary>
/// A kind of service (水, 电, 家具…), in two levels: a top category and its subcategories. Names the post
/// that receives its requests and carries the commitments per urgency.
/// </summary>
public sealed class ServiceCategory
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid? ParentId { get; private set; }

    /// <summary>The receiving post (岗位) whose person on duty becomes the first-contact owner.</summary>
    public string PostCode { get; private set; } = "";

    public int SortOrder { get; private set; }

    public List<ServiceCommitment> Commitments { get; private set; } = [];

    private ServiceCategory() { }

    public ServiceCategory(string code, string name, string postCode, ServiceCategory? parent, int sortOrder, IEnumerable<ServiceCommitment> commitments)
    {
        if (parent?.ParentId is not null)
        {
            throw new ArgumentException("Categories have two levels only.", nameof(parent));
        }
        Code = Codes.Require(code, nameof(code));
        Name = Codes.RequireText(name, nameof(name));
        PostCode = Codes.Require(postCode, nameof(postCode));
        ParentId = parent?.Id;
        SortOrder = sortOrder;
        Commitments = [.. commitments];
        var missing = Enum.GetValues<Urgency>().Except(Commitments.Select(c => c.Urgency)).ToList();
        if (missing.Count > 0 || Commitments.Count != Enum.GetValues<Urgency>().Length)
        {
            throw new ArgumentException("A category has exactly one commitment per urgency.", nameof(commitments));
        }
    }

    public ServiceCommitment CommitmentFor(Urgency urgency) => Commitments.Single(c => c.Urgency == urgency);
}

internal sealed class ServiceCategoryConfiguration : IEntityTypeConfiguration<ServiceCategory>
{
    public void Configure(EntityTypeBuilder<ServiceCategory> b)
    {
        b.ToTable("service_categories");
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.PostCode).HasMaxLength(64);
        b.HasOne<ServiceCategory>().WithMany().HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(
            e => e.Commitments,
            c =>
            {
                c.ToTable("service_commitments");
                c.WithOwner().HasForeignKey("CategoryId");
                c.HasKey("CategoryId", nameof(ServiceCommitment.Urgency));
                c.Property(x => x.Urgency).HasConversion<string>().HasMaxLength(16);
                c.Property(x => x.AcknowledgeClock).HasConversion<string>().HasMaxLength(16);
                c.Property(x => x.ArriveClock).HasConversion<string>().HasMaxLength(16);
                c.Property(x => x.ResolveClock).HasConversion<string>().HasMaxLength(16);
                c.Ignore(x => x.Acknowledge);
                c.Ignore(x => x.Arrive);
                c.Ignore(x => x.Resolve);
            }
        );
        b.Navigation(e => e.Commitments).AutoInclude();
    }
}
