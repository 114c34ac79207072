using Houqin.Data;
using Houqin.Features.ServiceDesk;
using Houqin.Infrastructure.Deadlines;
using Houqin.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Houqin.Tests.Data.RowsTestKit;

namespace Houqin.Tests.Data;

/// <summary>
/// The sweeper's multi-row UPDATEs (ADR 0015) store what SaveChanges would, check each row's version as SaveChanges
/// checks it, write all in the caller's transaction or nothing, and leave the rows tracked as saved.
/// </summary>
public class ModifiedRowsTests
{
    private static readonly DateTime Later = Now.AddHours(3);

    [Fact]
    public async Task Rows_written_as_one_update_per_table_and_shape_are_stored_exactly_as_SaveChanges_stores_them()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await ReadAsync(app, DemoPeople.LoadAsync);
        var updated = demo.Batch(first: 1);
        var saved = demo.Batch(first: 3);
        await CheckAsync(app, db => SaveAsync(db, [.. updated, .. saved]));

        Dictionary<Guid, Guid> versions;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var changed = await ChangeAsync(db, demo, updated);
            Assert.Equal(changed, await ModifiedRows.UpdateAsync(db, Ct));
            versions = db.ChangeTracker.Entries<ServiceRequest>().ToDictionary(e => e.Entity.Id, e => e.Entity.Version);
            await tx.CommitAsync(Ct);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await ChangeAsync(db, demo, saved);
            await db.SaveChangesAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                foreach (var (a, b) in updated.Zip(saved).Where(p => p.First is ServiceRequest or Notice or Deadline))
                {
                    // The stored columns, type for type, apart from what makes each row its own (ids, numbers, versions).
                    Assert.Equal(await StoredAsync(db, b), await StoredAsync(db, a));
                }
                // The new version is stored: the next change must match it.
                foreach (var (id, version) in versions)
                {
                    Assert.Equal(version, (await db.Set<ServiceRequest>().SingleAsync(r => r.Id == id, Ct)).Version);
                }
                Assert.All(await db.Set<ServiceRequest>().Where(r => versions.Keys.Contains(r.Id)).ToListAsync(Ct), r => Assert.True(r.Overdue));
            }
        );
    }

    [Fact]
    public async Task A_row_someone_changed_first_fails_the_batch_as_a_concurrency_conflict_and_the_rollback_keeps_their_change()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await ReadAsync(app, DemoPeople.LoadAsync);
        var first = demo.Reported(new RequestNumber(2099, 1));
        var second = demo.Reported(new RequestNumber(2099, 2));
        await CheckAsync(app, db => SaveAsync(db, [first, second]));

        await using var scope = app.Services.CreateAsyncScope();
        var db = Db(scope);
        var mine = await db.Set<ServiceRequest>().Where(r => r.Id == first.Id || r.Id == second.Id).ToListAsync(Ct);
        // Someone else escalates the first request after this unit of work read it.
        await CheckAsync(
            app,
            async other =>
            {
                (await other.Set<ServiceRequest>().SingleAsync(r => r.Id == first.Id, Ct)).Climb(demo.Chain, LadderCause.Acknowledgement);
                await other.SaveChangesAsync(Ct);
            }
        );
        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            mine.ForEach(r => r.MarkOverdue());
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ModifiedRows.UpdateAsync(db, Ct));
            await tx.RollbackAsync(Ct);
        }

        await CheckAsync(
            app,
            async check =>
            {
                var stored = await check.Set<ServiceRequest>().Where(r => r.Id == first.Id || r.Id == second.Id).ToDictionaryAsync(r => r.Id, Ct);
                Assert.Equal(1, stored[first.Id].EscalationLevel);
                // Neither row holds this unit of work's change: the one written in the same statement went back too.
                Assert.False(stored[first.Id].Overdue);
                Assert.False(stored[second.Id].Overdue);
            }
        );
    }

    [Fact]
    public async Task Hundreds_of_rows_of_two_shapes_are_all_written_over_several_statements()
    {
        await using var app = await TestApp.StartAsync();
        var deadlines = Enumerable.Range(0, 300).Select(i => new Deadline("test.many", Guid.CreateVersion7(), Now.AddDays(1).AddMinutes(i), Now)).ToList();
        await CheckAsync(app, db => SaveAsync(db, [.. deadlines]));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var loaded = await db.Set<Deadline>().Where(d => d.Kind == "test.many").OrderBy(d => d.Due).ToListAsync(Ct);
            // A statement takes 48 cancelled timers or 24 failed ones on SQLite; PostgreSQL takes each shape in one.
            for (var i = 0; i < loaded.Count; i++)
            {
                if (i % 2 == 0)
                {
                    loaded[i].Cancel(Later);
                }
                else
                {
                    loaded[i].Fail("TimeoutException: 维修队电话未接通", Later.AddMinutes(i));
                }
            }
            Assert.Equal(300, await ModifiedRows.UpdateAsync(db, Ct));
            await tx.CommitAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                var stored = await db.Set<Deadline>().Where(d => d.Kind == "test.many").OrderBy(d => d.Due).ToListAsync(Ct);
                Assert.Equal(300, stored.Count);
                Assert.All(stored.Where((_, i) => i % 2 == 0), d => Assert.Equal((DateTime?)Later, d.CancelledAt));
                Assert.All(stored.Where((_, i) => i % 2 == 1), d => Assert.Equal((1, (DateTime?)null), (d.Attempts, d.CancelledAt)));
                Assert.Equal(
                    stored.Select((_, i) => i).Where(i => i % 2 == 1).Select(i => Later.AddMinutes(i)),
                    stored.Where((_, i) => i % 2 == 1).Select(d => d.NextAttemptAt)
                );
            }
        );
    }

    [Fact]
    public async Task Outside_a_transaction_or_before_the_added_rows_are_written_it_refuses_and_writes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var deadline = new Deadline("test.alone", Guid.CreateVersion7(), Now.AddDays(1), Now);
        await CheckAsync(app, db => SaveAsync(db, [deadline]));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            (await db.Set<Deadline>().SingleAsync(d => d.Id == deadline.Id, Ct)).Cancel(Later);
            await Assert.ThrowsAsync<InvalidOperationException>(() => ModifiedRows.UpdateAsync(db, Ct));

            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.Add(new Deadline("test.alone", Guid.CreateVersion7(), Now.AddDays(2), Now));
            await Assert.ThrowsAsync<InvalidOperationException>(() => ModifiedRows.UpdateAsync(db, Ct));
            await tx.CommitAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                Assert.True((await db.Set<Deadline>().SingleAsync(d => d.Id == deadline.Id, Ct)).IsPending);
                Assert.Equal(1, await db.Set<Deadline>().CountAsync(d => d.Kind == "test.alone", Ct));
            }
        );
    }

    [Fact]
    public async Task After_the_updates_the_rows_count_as_saved_and_a_later_change_of_the_same_request_saves_against_its_new_version()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await ReadAsync(app, DemoPeople.LoadAsync);
        var request = demo.Reported(new RequestNumber(2099, 1));
        await CheckAsync(app, db => SaveAsync(db, [request]));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var r = await db.Set<ServiceRequest>().SingleAsync(x => x.Id == request.Id, Ct);
            r.MarkOverdue();
            Assert.Equal(1, await ModifiedRows.UpdateAsync(db, Ct));
            Assert.Equal(EntityState.Unchanged, db.Entry(r).State);
            Assert.Equal(0, await db.SaveChangesAsync(Ct));

            r.Climb(demo.Chain, LadderCause.Acknowledgement);
            Assert.Equal(1, await db.SaveChangesAsync(Ct));
            await tx.CommitAsync(Ct);
        }

        await CheckAsync(
            app,
            async db =>
            {
                var stored = await db.Set<ServiceRequest>().SingleAsync(x => x.Id == request.Id, Ct);
                Assert.Equal((true, 1), (stored.Overdue, stored.EscalationLevel));
            }
        );
    }

    private static async Task SaveAsync(AppDbContext db, List<object> rows)
    {
        db.AddRange(rows);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>
    /// What a sweeper run does to a batch's rows: each request flagged overdue and climbing a rung (a co-owner more),
    /// its notice read and its timer cancelled; returns how many rows that changed.
    /// </summary>
    private static async Task<int> ChangeAsync(AppDbContext db, DemoPeople demo, List<object> batch)
    {
        var requests = batch.OfType<ServiceRequest>().Select(r => r.Id).ToList();
        var changed = 0;
        foreach (var r in await db.Set<ServiceRequest>().Where(r => requests.Contains(r.Id)).ToListAsync(Ct))
        {
            r.MarkOverdue();
            r.Climb(demo.Chain, LadderCause.Resolution);
            changed++;
        }
        foreach (var n in await db.Set<Notice>().Where(n => requests.Contains(n.SubjectId)).ToListAsync(Ct))
        {
            n.MarkRead(Later);
            changed++;
        }
        foreach (var d in await db.Set<Deadline>().Where(d => requests.Contains(d.SubjectId)).ToListAsync(Ct))
        {
            d.Cancel(Later);
            changed++;
        }
        return changed;
    }
}
