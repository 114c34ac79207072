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

/// <summary>
/// The intake writer's multi-row INSERTs (ADR 0015) store what SaveChanges would, all in the caller's transaction
/// or nothing, and leave the context as SaveChanges would leave it for the rest of the unit of work.
/// </summary>
public class AddedRowsTests
{
    private static readonly DateTime Now = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560);
    private static readonly CommitmentDeadlines Due = new(Now.AddMinutes(30), Now.AddHours(2), Now.AddDays(1), Provisional: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_written_as_multi_row_inserts_are_stored_exactly_as_SaveChanges_stores_them()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await ReadAsync(app, DemoPeople.LoadAsync);
        var inserted = demo.Batch(first: 1);
        var saved = demo.Batch(first: 3);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.AddRange(inserted);
            Assert.Equal(inserted.Count, await AddedRows.InsertAsync(db, Ct));
            await tx.CommitAsync(Ct);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            db.AddRange(saved);
            await db.SaveChangesAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                foreach (var (a, b) in inserted.Zip(saved))
                {
                    // Both read back through the model: every property as it was built (ids, numbers, versions too).
                    Assert.Equal(Built(db, a), Read(db, await FindAsync(db, a)));
                    Assert.Equal(Built(db, b), Read(db, await FindAsync(db, b)));
                    // And the stored columns themselves, type for type, apart from what makes each row its own.
                    Assert.Equal(await StoredAsync(db, b), await StoredAsync(db, a));
                }
            }
        );
    }

    [Fact]
    public async Task Hundreds_of_rows_go_in_in_one_transaction_and_a_rollback_leaves_none()
    {
        await using var app = await TestApp.StartAsync();
        var before = await ReadAsync(app, CountAsync);
        var deadlines = Enumerable.Range(0, 700).Select(i => new Deadline("test.many", Guid.CreateVersion7(), Now.AddDays(1).AddMinutes(i), Now)).ToList();
        var events = Enumerable.Range(0, 700).Select(i => new AuditEvent(Now, "water1", "test.many", "Test", i.ToString(CultureInfo.InvariantCulture), $$"""{"i":{{i}}}""", null)).ToList();

        await using var scope = app.Services.CreateAsyncScope();
        var db = Db(scope);
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        db.AddRange(deadlines);
        db.AddRange(events);
        Assert.Equal(1400, await AddedRows.InsertAsync(db, Ct));

        // Every row of every statement is there, once: more than one statement holds on either database (a statement
        // takes 20 timers or 34 audit events on SQLite, 333 or 571 on PostgreSQL).
        Assert.Equal(deadlines.Select(d => d.Due), await db.Set<Deadline>().Where(d => d.Kind == "test.many").OrderBy(d => d.Due).Select(d => d.Due).ToListAsync(Ct));
        var subjects = await db.Set<AuditEvent>().Where(e => e.Action == "test.many").Select(e => e.SubjectId).ToListAsync(Ct);
        Assert.Equal(events.Select(e => e.SubjectId).Order(), subjects.Order());
        // Nobody else sees any of them before the commit.
        Assert.Equal(before, await ReadAsync(app, CountAsync));

        await tx.RollbackAsync(Ct);
        Assert.Equal(before, await ReadAsync(app, CountAsync));
    }

    [Fact]
    public async Task A_request_is_written_before_the_rows_that_point_at_it_whatever_order_they_were_added_in()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await ReadAsync(app, DemoPeople.LoadAsync);
        var request = demo.Reported(new RequestNumber(2099, 1));
        var entry = SearchEntry(request);
        var key = new IdempotencyKey(demo.Student, "first-call", "hash", request.Id, Now);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.Add(entry);
            db.Add(key);
            db.Add(request);
            await AddedRows.InsertAsync(db, Ct);
            await tx.CommitAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                Assert.Equal(request.Number, (await db.Set<ServiceRequest>().SingleAsync(r => r.Id == request.Id, Ct)).Number);
                Assert.Equal(entry.Text, (await db.Set<RequestSearchEntry>().SingleAsync(e => e.RequestId == request.Id, Ct)).Text);
                Assert.Single(await db.Set<IdempotencyKey>().Where(k => k.RequestId == request.Id).ToListAsync(Ct));
            }
        );
    }

    [Fact]
    public async Task Outside_a_transaction_it_refuses_and_writes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var deadline = new Deadline("test.alone", Guid.CreateVersion7(), Now.AddDays(1), Now);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            db.Add(deadline);
            await Assert.ThrowsAsync<InvalidOperationException>(() => AddedRows.InsertAsync(db, Ct));
        }

        Assert.False(await ReadAsync(app, db => db.Set<Deadline>().AnyAsync(d => d.Id == deadline.Id, Ct)));
    }

    [Fact]
    public async Task A_unique_index_refusal_is_a_DbUpdateException_and_the_rollback_leaves_nothing_of_the_batch()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await ReadAsync(app, DemoPeople.LoadAsync);
        var request = demo.Reported(new RequestNumber(2099, 1));
        var deadline = new Deadline("service_request.acknowledge", request.Id, request.AcknowledgeBy, Now);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.AddRange(request, deadline, SearchEntry(request));
            // One caller's key twice: the index that settles two concurrent first calls refuses the second.
            db.Add(new IdempotencyKey(demo.Student, "same-key", "hash-1", request.Id, Now));
            db.Add(new IdempotencyKey(demo.Student, "same-key", "hash-2", request.Id, Now));
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => AddedRows.InsertAsync(db, Ct));
            Assert.Contains("service_request_idempotency_keys", e.Message, StringComparison.Ordinal);
            await tx.RollbackAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                Assert.False(await db.Set<ServiceRequest>().AnyAsync(r => r.Id == request.Id, Ct));
                Assert.False(await db.Set<RequestSearchEntry>().AnyAsync(r => r.RequestId == request.Id, Ct));
                Assert.False(await db.Set<Deadline>().AnyAsync(d => d.SubjectId == request.Id, Ct));
                Assert.Empty(await db.Set<IdempotencyKey>().Where(k => k.RequestId == request.Id).ToListAsync(Ct));
            }
        );
    }

    [Fact]
    public async Task After_the_inserts_nothing_added_is_tracked_and_SaveChanges_still_saves_a_change()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await ReadAsync(app, DemoPeople.LoadAsync);
        var earlier = new Notice(demo.Water1, "service_request.assigned", "ServiceRequest", Guid.CreateVersion7(), null, Now);
        await CheckAsync(
            app,
            db =>
            {
                db.Add(earlier);
                return db.SaveChangesAsync(Ct);
            }
        );
        var fresh = new Notice(demo.Water1, "service_request.assigned", "ServiceRequest", Guid.CreateVersion7(), null, Now);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var read = await db.Set<Notice>().SingleAsync(n => n.Id == earlier.Id, Ct);
            read.MarkRead(Now.AddHours(1));
            db.Add(fresh);
            db.Add(new Deadline("test.after", fresh.SubjectId, Now.AddDays(1), Now));

            Assert.Equal(2, await AddedRows.InsertAsync(db, Ct));
            Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.State == EntityState.Added);
            Assert.Equal(EntityState.Modified, db.Entry(read).State);
            Assert.Equal(1, await db.SaveChangesAsync(Ct));
            await tx.CommitAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                Assert.Equal(Now.AddHours(1), (await db.Set<Notice>().SingleAsync(n => n.Id == earlier.Id, Ct)).ReadAt);
                Assert.Null((await db.Set<Notice>().SingleAsync(n => n.Id == fresh.Id, Ct)).ReadAt);
                Assert.Single(await db.Set<Deadline>().Where(d => d.SubjectId == fresh.SubjectId).ToListAsync(Ct));
            }
        );
    }

    /// <summary>Real people, place, category and team of the seeded demo office, for rows their foreign keys accept.</summary>
    private sealed record DemoPeople(Guid Student, Guid Water1, Guid Water2, OfficeChain Chain, Guid Room, ServiceCategory Category, Guid Team)
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
                (await db.Set<Team>().OrderBy(t => t.Code).FirstAsync(Ct)).Id
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
            var logged = ServiceRequest.Log(new RequestNumber(2099, first + 1), Water1, Channel.Phone, "赵老师", "138 0000 1111", Room, Category, Team, "空调不制冷", Urgency.Normal, Due, Now);
            logged.Climb(Chain, LadderCause.Acknowledgement);
            logged.HandOff(Water1, Water2, "需要电工", Now.AddHours(2), "to");
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

    private static RequestSearchEntry SearchEntry(ServiceRequest r)
    {
        var entry = new RequestSearchEntry(r);
        entry.Describe(["东区 3号楼 301", "水", r.Description, "赵老师"]);
        return entry;
    }

    private static AppDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    /// <summary>Reads through a context of its own, on a connection of its own.</summary>
    private static async Task<T> ReadAsync<T>(TestApp app, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(Db(scope));
    }

    private static async Task CheckAsync(TestApp app, Func<AppDbContext, Task> check)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await check(Db(scope));
    }

    private static async Task<int> CountAsync(AppDbContext db) =>
        await db.Set<Deadline>().CountAsync(Ct) + await db.Set<AuditEvent>().CountAsync(Ct);

    /// <summary>The request a row belongs to names it: its own id, or the id it points at.</summary>
    private static (string Column, object Value) Owner(object row) =>
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

    private static async Task<object> FindAsync(AppDbContext db, object row) =>
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
    private static List<string> Built(AppDbContext db, object row) =>
        [
            .. db.Model.FindEntityType(row.GetType())!.GetProperties()
                .Where(p => !CountedByTheDatabase(p))
                .Select(p => $"{p.Name}={Show(p.PropertyInfo!.GetValue(row))}"),
        ];

    /// <summary>Every mapped property of a row the context read, the same way.</summary>
    private static List<string> Read(AppDbContext db, object row) =>
        [.. db.Entry(row).Properties.Where(p => !CountedByTheDatabase(p.Metadata)).Select(p => $"{p.Metadata.Name}={Show(p.CurrentValue)}")];

    /// <summary>The audit log's sequence: neither path knows it before the insert, and AddedRows never reads it back.</summary>
    private static bool CountedByTheDatabase(IProperty p) => p.DeclaringType.ClrType == typeof(AuditEvent) && p.IsPrimaryKey();

    /// <summary>
    /// The stored row as the database hands it back, column by column with its provider type (SQLite: the storage
    /// class), leaving out the columns that tell two requests' rows apart: keys, numbers, versions, the owner.
    /// </summary>
    private static async Task<List<string>> StoredAsync(AppDbContext db, object row)
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

    private static string Show(object? value) =>
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
