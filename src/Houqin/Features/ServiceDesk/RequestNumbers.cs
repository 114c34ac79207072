using Houqin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Houqin.Features.ServiceDesk;

public readonly record struct RequestNumber(int Year, int Sequence)
{
    public string Text => $"HQ-{Year:D4}-{Sequence:D6}";
}

/// <summary>The last request number given out in a year.</summary>
public sealed class RequestCounter
{
    public int Year { get; private set; }

    public int Last { get; private set; }

    private RequestCounter() { }
}

/// <summary>
/// Hands out the year's next request numbers inside the caller's transaction. One upsert with RETURNING
/// (the same SQL on SQLite and PostgreSQL) takes the counter row's write lock, so concurrent writers — other
/// nodes included — queue for it rather than read the same value, and a rolled-back transaction gives its
/// numbers back. Intake reserves a whole batch's range at once (<see cref="IntakeWriter"/>), so the lock is
/// taken once per commit rather than once per request.
/// </summary>
public static class RequestNumbers
{
    private const string Sql =
        """INSERT INTO request_counters ("Year", "Last") VALUES (@year, @count) ON CONFLICT ("Year") DO UPDATE SET "Last" = request_counters."Last" + @count RETURNING "Last" """;

    public static async Task<RequestNumber> NextAsync(AppDbContext db, int year, CancellationToken ct) => new(year, await ReserveAsync(db, year, 1, ct));

    /// <summary>Takes the next <paramref name="count"/> numbers of the year; returns the first of them.</summary>
    public static async Task<int> ReserveAsync(AppDbContext db, int year, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Allocate a number inside the request's transaction.");
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = tx.GetDbTransaction();
        command.CommandText = Sql;
        Add(command, "@year", year);
        Add(command, "@count", count);
        var last = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        return last - count + 1;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, int value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}

internal sealed class RequestCounterConfiguration : IEntityTypeConfiguration<RequestCounter>
{
    public void Configure(EntityTypeBuilder<RequestCounter> b)
    {
        b.ToTable("request_counters");
        b.HasKey(e => e.Year);
        b.Property(e => e.Year).ValueGeneratedNever();
    }
}

/// <summary>
/// A create call's <c>Idempotency-Key</c>: the same caller sending the same key again gets the request the
/// first call made. The unique index settles two concurrent first calls: one insert wins, the other reads it.
/// </summary>
public sealed class IdempotencyKey
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid UserId { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>A hash of the body, so reusing a key for a different request is refused rather than ignored.</summary>
    public string BodyHash { get; private set; } = "";

    public Guid RequestId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    private IdempotencyKey() { }

    public IdempotencyKey(Guid userId, string key, string bodyHash, Guid requestId, DateTime createdAt)
    {
        (UserId, Key, BodyHash, RequestId, CreatedAt) = (userId, key, bodyHash, requestId, createdAt);
    }

    public static bool IsValid(string key) => key.Length is > 0 and <= 128 && key.All(c => c is > ' ' and < '\u007f');
}

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> b)
    {
        b.ToTable("service_request_idempotency_keys");
        b.HasIndex(e => new { e.UserId, e.Key }).IsUnique();
        b.Property(e => e.Key).HasMaxLength(128);
        b.Property(e => e.BodyHash).HasMaxLength(64);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
