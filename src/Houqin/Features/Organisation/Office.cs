using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Organisation;

/// <summary>
/// The office (总务后勤处) itself: one row, the top of the reporting chain. Its director (主任) is the last
/// level of every escalation ladder.
/// </summary>
public sealed class Office
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Name { get; private set; } = "";

    public Guid? DirectorId { get; private set; }

    private Office() { }

    public Office(string name) => Name = Codes.RequireText(name, nameof(name));

    public void Appoint(Guid? directorId) => DirectorId = directorId;
}

/// <summary>
/// A team (水电组, 维修组, 物业组…) with its leader (组长) and the deputy director in charge of it (分管主任):
/// the first two levels of the escalation ladder for its posts.
/// </summary>
public sealed class Team
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid? LeaderId { get; private set; }

    public Guid? DeputyDirectorId { get; private set; }

    private Team() { }

    public Team(string code, string name)
    {
        Code = Codes.Require(code, nameof(code));
        Rename(name);
    }

    public void Rename(string name) => Name = Codes.RequireText(name, nameof(name));

    public void SetChain(Guid? leaderId, Guid? deputyDirectorId)
    {
        LeaderId = leaderId;
        DeputyDirectorId = deputyDirectorId;
    }
}

/// <summary>
/// A post (岗位) of a team: the service categories it answers for (by category code) and whether it runs
/// around the clock (24×7) or in office hours.
/// </summary>
public sealed class Post
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid TeamId { get; private set; }

    public List<string> Categories { get; private set; } = [];

    public bool RoundTheClock { get; private set; }

    private Post() { }

    public Post(Team team, string code, string name, IEnumerable<string> categories, bool roundTheClock)
    {
        TeamId = team.Id;
        Code = Codes.Require(code, nameof(code));
        Describe(name, categories, roundTheClock);
    }

    public void Describe(string name, IEnumerable<string> categories, bool roundTheClock)
    {
        Name = Codes.RequireText(name, nameof(name));
        var list = categories.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var c in list)
        {
            Codes.Require(c, nameof(categories));
        }
        Categories = list;
        RoundTheClock = roundTheClock;
    }

    public void MoveTo(Team team) => TeamId = team.Id;
}

/// <summary>A person holds a post from an instant, until an instant or open-ended.</summary>
public sealed class PostAssignment
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid PostId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime From { get; private set; }

    public DateTime? To { get; private set; }

    private PostAssignment() { }

    public PostAssignment(Guid postId, Guid userId, DateTime from)
    {
        PostId = postId;
        UserId = userId;
        From = from;
    }

    public bool HoldsAt(DateTime instant) => From <= instant && (To is null || instant < To);

    /// <summary>The person leaves the post at <paramref name="at"/>.</summary>
    public void End(DateTime at)
    {
        if (To is not null)
        {
            throw new InvalidOperationException("This assignment has already ended.");
        }
        if (at < From)
        {
            throw new ArgumentException("An assignment cannot end before it starts.", nameof(at));
        }
        To = at;
    }
}

internal sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> b)
    {
        b.ToTable("offices");
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.DirectorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("teams");
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.LeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.DeputyDirectorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.ToTable("posts");
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(200);
        b.PrimitiveCollection(e => e.Categories);
        b.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostAssignmentConfiguration : IEntityTypeConfiguration<PostAssignment>
{
    public void Configure(EntityTypeBuilder<PostAssignment> b)
    {
        b.ToTable("post_assignments");
        b.HasIndex(e => new { e.UserId, e.PostId });
        b.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
