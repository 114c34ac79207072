using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Features.Organisation;

/// <summary>A campus (校区). Its region code selects regional days of the working calendar.</summary>
public sealed class Campus
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Administrative region (e.g. <c>CN-SH</c>) whose regional calendar days apply.</summary>
    public string RegionCode { get; private set; } = "";

    private Campus() { }

    public Campus(string code, string name, string regionCode)
    {
        Code = Codes.Require(code, nameof(code));
        Describe(name, regionCode);
    }

    public void Describe(string name, string regionCode)
    {
        Name = Codes.RequireText(name, nameof(name));
        RegionCode = (regionCode ?? "").Trim();
    }
}

public enum BuildingKind
{
    Dormitory,
    Teaching,
    Laboratory,
    Office,
    Library,
    Canteen,
    Sports,
    Other,
}

/// <summary>A building (楼宇) on a campus, with a code such as <c>E-12</c>.</summary>
public sealed class Building
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid CampusId { get; private set; }

    public BuildingKind Kind { get; private set; }

    private Building() { }

    public Building(Campus campus, string code, string name, BuildingKind kind)
    {
        CampusId = campus.Id;
        Code = Codes.Require(code, nameof(code));
        Describe(name, kind);
    }

    public void Describe(string name, BuildingKind kind)
    {
        Name = Codes.RequireText(name, nameof(name));
        Kind = kind;
    }
}

/// <summary>A floor of a building; level 1 is the ground floor, basements are negative.</summary>
public sealed class Floor
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid BuildingId { get; private set; }

    public int Level { get; private set; }

    private Floor() { }

    public Floor(Building building, int level)
    {
        if (level == 0 || level is < -10 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A floor level is -10..-1 or 1..200.");
        }
        BuildingId = building.Id;
        Level = level;
    }
}

/// <summary>
/// A room (房间) with a stable code such as <c>E-12-305</c> and a QR token printed on its door: scanning it
/// opens a report for this room. The token is random, so knowing one room's code reveals no other's token.
/// </summary>
public sealed class Room
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Code { get; private set; } = "";

    public string Number { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Guid BuildingId { get; private set; }

    public Guid? FloorId { get; private set; }

    public string QrToken { get; private set; } = "";

    private Room() { }

    public Room(Building building, Floor? floor, string code, string number, string name)
    {
        if (floor is not null && floor.BuildingId != building.Id)
        {
            throw new ArgumentException("The floor belongs to another building.", nameof(floor));
        }
        BuildingId = building.Id;
        FloorId = floor?.Id;
        Code = Codes.Require(code, nameof(code));
        Number = Codes.RequireText(number, nameof(number));
        Name = (name ?? "").Trim();
        RegenerateQrToken();
    }

    public void Describe(string number, string name, Floor? floor)
    {
        if (floor is not null && floor.BuildingId != BuildingId)
        {
            throw new ArgumentException("The floor belongs to another building.", nameof(floor));
        }
        Number = Codes.RequireText(number, nameof(number));
        Name = (name ?? "").Trim();
        FloorId = floor?.Id;
    }

    /// <summary>A new token (e.g. after a label was copied or defaced); the old QR code stops working.</summary>
    public void RegenerateQrToken() => QrToken = NewToken();

    /// <summary>128 random bits, base64url without padding (22 characters, safe in a URL).</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Codes are short, stable identifiers people type: letters, digits and dashes.</summary>
public static class Codes
{
    public static string Require(string value, string name)
    {
        var v = (value ?? "").Trim();
        if (!IsValid(v))
        {
            throw new ArgumentException($"'{value}' is not a code (letters, digits, '-', '_', at most 64).", name);
        }
        return v;
    }

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string RequireText(string value, string name)
    {
        var v = (value ?? "").Trim();
        if (v.Length is 0 or > 200)
        {
            throw new ArgumentException("A name is required (at most 200 characters).", name);
        }
        return v;
    }
}

internal sealed class CampusConfiguration : IEntityTypeConfiguration<Campus>
{
    public void Configure(EntityTypeBuilder<Campus> b)
    {
        b.ToTable("campuses");
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.RegionCode).HasMaxLength(32);
    }
}

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.ToTable("buildings");
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasOne<Campus>().WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FloorConfiguration : IEntityTypeConfiguration<Floor>
{
    public void Configure(EntityTypeBuilder<Floor> b)
    {
        b.ToTable("floors");
        b.HasIndex(e => new { e.BuildingId, e.Level }).IsUnique();
        b.HasOne<Building>().WithMany().HasForeignKey(e => e.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.ToTable("rooms");
        b.HasIndex(e => e.Code).IsUnique();
        b.HasIndex(e => e.QrToken).IsUnique();
        b.Property(e => e.Code).HasMaxLength(64);
        b.Property(e => e.Number).HasMaxLength(32);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.QrToken).HasMaxLength(32);
        b.HasOne<Building>().WithMany().HasForeignKey(e => e.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Floor>().WithMany().HasForeignKey(e => e.FloorId).OnDelete(DeleteBehavior.Restrict);
    }
}
