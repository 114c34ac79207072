using System.Collections;
using System.Globalization;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Search;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Data;

/// <summary>Rows of the seeded demo office and ways to read them back, for the tests of writing tracked rows (ADR 0015).</summary>
internal static class RowsTestKit
{
    internal static readonly DateTime Now = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560);
    internal static readonly CommitmentDeadlines Due = new(Now.AddMinutes(30), Now.AddHours(2), Now.AddDays(1), Provisional: true);

    internal static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Real people, place, category and team of the seeded demo office, for rows their foreign keys accept.</summary>
    internal sealed record DemoPeople(Guid Student, Guid Water1, Guid Water2, OfficeChain Chain, Guid Room, ServiceCategory Category, Guid Team, Guid OtherTeam)
    {
        public static async Task<DemoPeople> LoadAsync(AppDbContext db)
        {
            var ids = await db.Set<User>().ToDictionaryAsync(u => u.UserName!, u => u.Id, Ct);
            return new(
                ids["student"],
                ids["water1"],
                ids["water2"],
                new OfficeChain(ids["leader-water"], ids["deputy"], ids["director"]),
                (await db.Set<Room>().OrderBy(r => r.Code).FirstAsync(Ct)).Id,
                await db.Set<ServiceCategory>().OrderBy(c => c.Code).FirstAsync(Ct),
                (await db.Set<Team>().OrderBy(t => t.Code).FirstAsync(Ct)).Id,
                (await db.Set<Team>().OrderBy(t => t.Code).Skip(1).FirstAsync(Ct)).Id
            );
        }

        public ServiceRequest Reported(RequestNumber number) =>
            ServiceRequest.Submit(number, Student, Room, Category, Team, "三楼卫生间漏水", Urgency.Urgent, Water1, Due, Now);

        /// <summary>
        /// What intake writes for a reported problem and a logged call, each taken further by its public steps so
        /// every kind of column holds a value: co-owners and materials, set and unset nullables, enums as text.
        /// </summary>
        public List<object> Batch(int first)
        {
            var worked = Reported(new RequestNumber(2099, first));
            worked.Climb(Chain, LadderCause.Resolution);
            worked.Acknowledge(Water1, Now.AddMinutes(5));
            worked.ArriveOnSite(Water1, Now.AddMinutes(40));
            worked.Complete(Water1, "更换阀门", "不再漏水", ["阀门 DN20", "生料带"], Now.AddHours(1));
            worked.MarkOverdue();
            var logged = ServiceRequest.Log(new RequestNumber(2099, first + 1), Water1, Channel.Phone, "赵老师", "138 0000 1111", Room, Category, Team, "空调不制冷", Urgency.Normal, Water1, Due, Now);
            logged.Climb(Chain, LadderCause.Acknowledgement);
            logged.HandOff(Water1, Water2, OtherTeam, "需要电工", Now.AddHours(2), "to");
            return [.. Around(worked), .. Around(logged)];
        }

        private List<object> Around(ServiceRequest r) =>
            [
                r,
                SearchEntry(r),
                new Deadline("service_request.acknowledge", r.Id, r.AcknowledgeBy, Now),
                new Notice(r.HandlerId, "service_request.handed_off", "ServiceRequest", r.Id, new Dictionary<string, string> { ["reason"] = "需要\"电工\"", ["level"] = "1" }, Now),
                new AuditEvent(Now, "water1", "service_request.submitted", "ServiceRequest", r.Id.ToString(), """{"urgency":"Urgent"}""", "电话登记"),
                new IdempotencyKey(Student, "key-" + r.Number, "hash", r.Id, Now),
            ];
    }

    internal static RequestSearchEntry SearchEntry(ServiceRequest r)
    {
        var entry = new RequestSearchEntry(r);
        entry.Describe(["东区 3号楼 301", "水", r.Description, "赵老师"]);
        return entry;
    }

    internal static AppDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    /// <summary>Reads through a context of its own, on a connection of its own.</summary>
    internal static async Task<T> ReadAsync<T>(TestApp app, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(Db(scope));
    }

    internal static async Task CheckAsync(TestApp app, Func<AppDbContext, Task> check)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await check(Db(scope));
    }

    internal static async Task<int> CountAsync(AppDbContext db) =>
        await db.Set<Deadline>().CountAsync(Ct) + await db.Set<AuditEvent>().CountAsync(Ct);

    /// <summary>The request a row belongs to names it: its own id, or the id it points at.</summary>
    internal static (string Column, object Value) Owner(object row) =>
        row switch
        {
            ServiceRequest r => (nameof(r.Id), r.Id),
            RequestSearchEntry e => (nameof(e.RequestId), e.RequestId),
            IdempotencyKey k => (nameof(k.RequestId), k.RequestId),
            Deadline d => (nameof(d.SubjectId), d.SubjectId),
            Notice n => (nameof(n.SubjectId), n.SubjectId),
            AuditEvent a => (nameof(a.SubjectId), a.SubjectId),
            _ => throw new ArgumentException(row.GetType().Name),
        };

    internal static async Task<object> FindAsync(AppDbContext db, object row) =>
        row switch
        {
            ServiceRequest r => await db.Set<ServiceRequest>().SingleAsync(x => x.Id == r.Id, Ct),
            RequestSearchEntry e => await db.Set<RequestSearchEntry>().SingleAsync(x => x.RequestId == e.RequestId, Ct),
            IdempotencyKey k => await db.Set<IdempotencyKey>().SingleAsync(x => x.RequestId == k.RequestId, Ct),
            Deadline d => await db.Set<Deadline>().SingleAsync(x => x.SubjectId == d.SubjectId, Ct),
            Notice n => await db.Set<Notice>().SingleAsync(x => x.SubjectId == n.SubjectId, Ct),
            AuditEvent a => await db.Set<AuditEvent>().SingleAsync(x => x.SubjectId == a.SubjectId, Ct),
            _ => throw new ArgumentException(row.GetType().Name),
        };

    /// <summary>Every mapped property of a row as built in memory.</summary>
    internal static List<string> Built(AppDbContext db, object row) =>
        [
            .. db.Model.FindEntityType(row.GetType())!.GetProperties()
                .Where(p => !CountedByTheDatabase(p))
                .Select(p => $"{p.Name}={Show(p.PropertyInfo!.GetValue(row))}"),
        ];

    /// <summary>Every mapped property of a row the context read, the same way.</summary>
    internal static List<string> Read(AppDbContext db, object row) =>
        [.. db.Entry(row).Properties.Where(p => !CountedByTheDatabase(p.Metadata)).Select(p => $"{p.Metadata.Name}={Show(p.CurrentValue)}")];

    /// <summary>The audit log's sequence: neither path knows it before the insert, and AddedRows never reads it back.</summary>
    internal static bool CountedByTheDatabase(IProperty p) => p.DeclaringType.ClrType == typeof(AuditEvent) && p.IsPrimaryKey();

    /// <summary>
    /// The stored row as the database hands it back, column by column with its provider type (SQLite: the storage
    /// class), leaving out the columns that tell two requests' rows apart: keys, numbers, versions, the owner.
    /// </summary>
    internal static async Task<List<string>> StoredAsync(AppDbContext db, object row)
    {
        var type = db.Model.FindEntityType(row.GetType())!;
        var (column, value) = Owner(row);
        var own = new HashSet<string>(["Sequence", "Key", "Number", "Version", column, .. type.FindPrimaryKey()!.Properties.Select(p => p.Name)]);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{type.GetTableName()}\" WHERE \"{column}\" = @owner";
        command.Parameters.Add(type.FindProperty(column)!.GetRelationalTypeMapping().CreateParameter(command, "@owner", value));
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var stored = Enumerable.Range(0, reader.FieldCount)
            .Where(i => !own.Contains(reader.GetName(i)))
            .Select(i => $"{reader.GetName(i)}={reader.GetValue(i).GetType().Name}:{Show(reader.GetValue(i))}")
            .ToList();
        Assert.False(await reader.ReadAsync(Ct));
        return stored;
    }

    internal static string Show(object? value) =>
        value switch
        {
            null or DBNull => "null",
            DateTime d => $"{d:O} {d.Kind}",
            byte[] b => Convert.ToHexString(b),
            string s => s,
            IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
}
