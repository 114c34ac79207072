using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Houqin.Data;

/// <summary>Writes instants as UTC and marks what it reads as UTC, so no local time leaks in.</summary>
public sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc)
    );

/// <summary>Money is stored as whole fen in a 64-bit integer.</summary>
public sealed class MoneyConverter() : ValueConverter<Money, long>(v => v.Fen, v => new Money(v));
