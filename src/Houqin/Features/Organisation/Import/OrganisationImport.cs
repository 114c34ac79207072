using Houqin.Data;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Organisation.Import;

/// <summary>One bad cell (or a bad line when <see cref="Column"/> is null), with the sentence shown to the admin.</summary>
public sealed record ImportError(int Line, int? Column, string Field, string Message, string Text);

public sealed record ImportResult(int Imported, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// CSV import of rooms and people. Every row is checked before anything is written; one bad row and
/// nothing is imported. Otherwise all rows and their audit events commit in one SaveChanges (one transaction).
/// </summary>
public sealed class OrganisationImport(
    AppDbContext db,
    AuditLog audit,
    ILookupNormalizer normalizer,
    TimeProvider clock,
    IStringLocalizer<OrganisationText> L
)
{
    public static readonly string[] RoomColumns = ["RoomCode", "BuildingCode", "Floor", "RoomNumber", "RoomName"];
    public static readonly string[] PeopleColumns = ["UserName", "DisplayName", "Kind", "Roles", "Phone", "Department", "StudentNo"];

    private sealed class Errors(IStringLocalizer<OrganisationText> L, string[] columns)
    {
        public List<ImportError> List { get; } = [];

        public void Cell(int line, int column, string message)
        {
            var field = L["Column_" + columns[column - 1]].Value;
            List.Add(new ImportError(line, column, columns[column - 1], message, L["ImportCellError", line, column, field, message]));
        }

        public List<ImportError> Sorted() => List.OrderBy(e => e.Line).ThenBy(e => e.Column ?? 0).ToList();

        public void Line(int line, string message) =>
            List.Add(new ImportError(line, null, "", message, L["ImportLineError", line, message]));
    }

    public async Task<ImportResult> ImportRoomsAsync(string csv, CancellationToken ct)
    {
        var errors = new Errors(L, RoomColumns);
        var rows = Rows(csv, RoomColumns, errors);
        var buildings = await db.Set<Building>().ToDictionaryAsync(b => b.Code, StringComparer.OrdinalIgnoreCase, ct);
        var existing = (await db.Set<Room>().Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var floors = await db.Set<Floor>().ToListAsync(ct);
        var valid = new List<(Building Building, int? Level, string Code, string Number, string Name)>();
        foreach (var r in rows)
        {
            var f = r.Fields;
            var ok = true;
            if (!Codes.IsValid(f[0]))
            {
                errors.Cell(r.Line, 1, L["NotACode", f[0]]);
                ok = false;
            }
            else if (!existing.Add(f[0]))
            {
                errors.Cell(r.Line, 1, L["DuplicateRoom", f[0]]);
                ok = false;
            }
            if (!buildings.TryGetValue(f[1], out var building))
            {
                errors.Cell(r.Line, 2, L["UnknownBuilding", f[1]]);
                ok = false;
            }
            int? level = null;
            if (f[2].Length > 0)
            {
                if (int.TryParse(f[2], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var lv) && lv != 0 && lv is >= -10 and <= 200)
                {
                    level = lv;
                }
                else
                {
                    errors.Cell(r.Line, 3, L["BadFloor", f[2]]);
                    ok = false;
                }
            }
            if (f[3].Length is 0 or > 32)
            {
                errors.Cell(r.Line, 4, L["Required"]);
                ok = false;
            }
            if (f[4].Length > 200)
            {
                errors.Cell(r.Line, 5, L["TooLong", 200]);
                ok = false;
            }
            if (ok)
            {
                valid.Add((building!, level, f[0], f[3], f[4]));
            }
        }
        if (errors.List.Count > 0)
        {
            return new ImportResult(0, errors.Sorted());
        }
        foreach (var v in valid)
        {
            Floor? floor = null;
            if (v.Level is { } level)
            {
                floor = floors.FirstOrDefault(x => x.BuildingId == v.Building.Id && x.Level == level);
                if (floor is null)
                {
                    floor = new Floor(v.Building, level);
                    floors.Add(floor);
                    db.Add(floor);
                }
            }
            var room = new Room(v.Building, floor, v.Code, v.Number, v.Name);
            db.Add(room);
            audit.Record("room.created", "Room", room.Id, new { room.Code, building = v.Building.Code, room.Number, room.Name }, "CSV import");
        }
        await db.SaveChangesAsync(ct);
        return new ImportResult(valid.Count, []);
    }

    public async Task<ImportResult> ImportPeopleAsync(string csv, CancellationToken ct)
    {
        var errors = new Errors(L, PeopleColumns);
        var rows = Rows(csv, PeopleColumns, errors);
        var taken = (await db.Users.Select(u => u.NormalizedUserName!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.OrdinalIgnoreCase, ct);
        var valid = new List<(User User, List<string> Roles)>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var r in rows)
        {
            var f = r.Fields;
            var ok = true;
            var normalized = normalizer.NormalizeName(f[0]);
            if (f[0].Length is 0 or > 64 || !f[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@'))
            {
                errors.Cell(r.Line, 1, L["BadUserName", f[0]]);
                ok = false;
            }
            else if (!taken.Add(normalized))
            {
                errors.Cell(r.Line, 1, L["DuplicateUser", f[0]]);
                ok = false;
            }
            if (f[1].Length is 0 or > 100)
            {
                errors.Cell(r.Line, 2, L["Required"]);
                ok = false;
            }
            var kind = PersonKinds.Parse(f[2]);
            if (kind is null)
            {
                errors.Cell(r.Line, 3, L["BadKind", f[2]]);
                ok = false;
            }
            var roles = f[3].Split([';', '；', '、', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var unknown = roles.Where(x => !roleIds.ContainsKey(x)).ToList();
            if (unknown.Count > 0)
            {
                errors.Cell(r.Line, 4, L["UnknownRole", string.Join(", ", unknown)]);
                ok = false;
            }
            if (f[4].Length > 20 || !f[4].All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '))
            {
                errors.Cell(r.Line, 5, L["BadPhone", f[4]]);
                ok = false;
            }
            if (f[5].Length > 100)
            {
                errors.Cell(r.Line, 6, L["TooLong", 100]);
                ok = false;
            }
            if (f[6].Length > 32)
            {
                errors.Cell(r.Line, 7, L["TooLong", 32]);
                ok = false;
            }
            if (ok)
            {
                var user = new User
                {
                    Id = Guid.CreateVersion7(),
                    UserName = f[0],
                    NormalizedUserName = normalized,
                    DisplayName = f[1],
                    Kind = kind!.Value,
                    Phone = NullIfEmpty(f[4]),
                    Department = NullIfEmpty(f[5]),
                    StudentNo = NullIfEmpty(f[6]),
                    CreatedAt = now,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                };
                valid.Add((user, roles.Count > 0 ? roles : [Houqin.Roles.Requester]));
            }
        }
        if (errors.List.Count > 0)
        {
            return new ImportResult(0, errors.Sorted());
        }
        foreach (var (user, roles) in valid)
        {
            db.Users.Add(user);
            foreach (var role in roles)
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });
            }
            audit.Record("person.created", "User", user.Id, new { user.UserName, user.DisplayName, kind = user.Kind.ToString(), roles }, "CSV import");
        }
        await db.SaveChangesAsync(ct);
        return new ImportResult(valid.Count, []);
    }

    /// <summary>The header names the columns in order, by their code (RoomCode) or by their label in either language (房间代码).</summary>
    private bool IsHeader(Csv.Record first, string[] columns) =>
        first.Fields.Count == columns.Length
        && columns
            .Select((c, i) => (Column: c, Cell: first.Fields[i].Trim().TrimStart('\uFEFF')))
            .All(x =>
                string.Equals(x.Cell, x.Column, StringComparison.OrdinalIgnoreCase)
                || string.Equals(x.Cell, L["Column_" + x.Column].Value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(x.Cell, Label(x.Column, "zh-CN"), StringComparison.OrdinalIgnoreCase)
                || string.Equals(x.Cell, Label(x.Column, "en-US"), StringComparison.OrdinalIgnoreCase)
            );

    private string Label(string column, string culture)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            return L["Column_" + column].Value;
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>The data rows (the first line is the header), each padded to the expected columns; a wrong count is a line error.</summary>
    private List<Csv.Record> Rows(string csv, string[] columns, Errors errors)
    {
        var records = Csv.Parse(csv);
        if (records.Count == 0)
        {
            errors.Line(1, L["EmptyFile"]);
            return [];
        }
        if (!IsHeader(records[0], columns))
        {
            // A file without its header (or with the columns in another order) would import every value into the wrong field.
            errors.Line(1, L["WrongHeader", string.Join(",", columns)]);
            return [];
        }
        var rows = new List<Csv.Record>();
        foreach (var r in records.Skip(1))
        {
            if (r.Fields.Count != columns.Length)
            {
                errors.Line(r.Line, L["WrongColumnCount", columns.Length, r.Fields.Count]);
                continue;
            }
            rows.Add(r);
        }
        if (records.Count == 1)
        {
            errors.Line(1, L["NoRows"]);
        }
        return rows;
    }
}

public static class PersonKinds
{
    private static readonly Dictionary<string, PersonKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["学生"] = PersonKind.Student,
        ["教师"] = PersonKind.Teacher,
        ["校园成员"] = PersonKind.CampusMember,
        ["职工"] = PersonKind.Staff,
        ["供应商"] = PersonKind.Supplier,
    };

    public static PersonKind? Parse(string text) =>
        Enum.TryParse<PersonKind>(text, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(text, out _)
            ? k
            : Names.TryGetValue(text, out var n) ? n : null;
}
