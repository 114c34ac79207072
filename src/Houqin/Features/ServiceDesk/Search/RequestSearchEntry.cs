using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.ServiceDesk.Search;

/// <summary>
/// What a request can be found by — number, place, category, description, the people on it — as normalized
/// text (for the exact phrase check) and as index terms (for the full-text index each database keeps over them).
/// </summary>
public sealed class RequestSearchEntry
{
    public const int MaxText = 4000;

    /// <summary>The request's year and sequence as one number: a stable integer key the SQLite full-text index keys on.</summary>
    public long Id { get; private set; }

    public Guid RequestId { get; private set; }

    public string Text { get; private set; } = "";

    public string Terms { get; private set; } = "";

    private RequestSearchEntry() { }

    public RequestSearchEntry(ServiceRequest request) => (Id, RequestId) = (KeyOf(request), request.Id);

    public static long KeyOf(ServiceRequest r) => r.Key;

    public void Describe(IEnumerable<string?> parts)
    {
        var text = SearchTerms.Normalize(string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p))));
        Text = text.Length > MaxText ? text[..MaxText] : text;
        Terms = string.Join(' ', SearchTerms.Cut(Text).Distinct(StringComparer.Ordinal));
    }
}

internal sealed class RequestSearchEntryConfiguration : IEntityTypeConfiguration<RequestSearchEntry>
{
    public void Configure(EntityTypeBuilder<RequestSearchEntry> b)
    {
        b.ToTable("service_request_search");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => e.RequestId).IsUnique();
        b.Property(e => e.Text).HasMaxLength(RequestSearchEntry.MaxText);
        b.HasOne<ServiceRequest>().WithOne().HasForeignKey<RequestSearchEntry>(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
