using System.Globalization;
using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Features.ServiceDesk.Search;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using static Houqin.Tests.Data.RowsTestKit;

namespace Houqin.Tests.Data;

/// <summary>
/// The intake writer's multi-row INSERTs (ADR 0015) store what SaveChanges would, all in the caller's transaction
/// or nothing, and leave the context as SaveChanges would leave it for the rest of the unit of work.
/// </summary>
public class AddedRowsTests
{
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
}
