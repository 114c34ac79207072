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

/// <summary>A category's commitments for one urgency (from the policy in force): acknowledge, be on site, resolve.</summary>
public sealed record ServiceCommitment(Urgency Urgency, Target Acknowledge, Target Arrive, Target Resolve)
{
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
/// that receives its requests; its commitments per urgency are parameters of the procedure in force (<see cref="DeskPolicy"/>).
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

    private ServiceCategory() { }

    public ServiceCategory(string code, string name, string postCode, ServiceCategory? parent, int sortOrder)
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
    }
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
    }
}
