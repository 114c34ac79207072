using System.Threading.Channels;
using Houqin.Data;
using Houqin.Features.ServiceDesk.Search;
using Houqin.Infrastructure.Audit;
using Houqin.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>The caller, the first-contact owner or the handler, as the search entry and the answer name them.</summary>
internal sealed record IntakePerson(Guid Id, string DisplayName, string? UserName);

/// <summary>A create checked and resolved by <see cref="Intake"/>, waiting for its number and its commit.</summary>
internal sealed record IntakeDraft(
    Guid Caller,
    string ActorName,
    bool Logged,
    NewRequest Input,
    string? Key,
    IntakeDirectory.Category Category,
    IntakeDirectory.Place Place,
    IntakeDirectory.Responsible Team,
    Guid Owner,
    Guid Handler,
    CommitmentDeadlines Due,
    DateTime Now,
    IReadOnlyList<IntakePerson> People
)
{
    public int Year => WorkingCalendar.LocalDate(Now).Year;

    /// <summary>All the answer to the create names, without reading it back.</summary>
    public RequestView.Names Names() =>
        new(
            People.ToDictionary(p => p.Id, p => new RequestView.PersonDto(p.UserName ?? "", p.DisplayName)),
            new Dictionary<Guid, string> { [Place.RoomId] = Place.Code },
            new Dictionary<Guid, string> { [Category.Entity.Id] = Category.Entity.Code },
            new Dictionary<Guid, RequestView.TeamDto> { [Team.TeamId] = new(Team.Code, Team.Name) }
        );

    public ServiceRequest Build(RequestNumber number) =>
        Logged
            ? ServiceRequest.Log(number, Caller, Input.Channel, Input.CallerName ?? "", Input.CallerPhone ?? "", Place.RoomId, Category.Entity, Team.TeamId, Input.Description, Input.Urgency, Handler, Due, Now)
            : ServiceRequest.Submit(number, Caller, Place.RoomId, Category.Entity, Team.TeamId, Input.Description, Input.Urgency, Owner, Due, Now);
}

/// <summary>
/// Group commit for intake: one writer per process takes the creates waiting at that moment (up to
/// <see cref="MaxBatch"/>) and writes them in one transaction — one reservation of a range of numbers, one
/// commit, one fsync — then answers each caller. A create is answered only after its commit; if the shared
/// transaction fails, each create of the batch is written again on its own, so one bad create sinks nobody else.
/// While a batch commits the next one gathers, so the batch grows with the load and a lone create waits for nothing.
/// </summary>
public sealed class IntakeWriter(IServiceScopeFactory scopes, ILogger<IntakeWriter> log) : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly Channel<Pending> queue = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private int started;

    internal Task<IntakeResult> WriteAsync(IntakeDraft draft)
    {
        Start();
        var pending = new Pending(draft, new TaskCompletionSource<IntakeResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop is not null)
        {
            // Let the batch in hand commit and answer; whatever is still queued is refused below.
            await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(10)));
        }
        await stopping.CancelAsync();
        while (queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(IntakeWriter)));
        }
        stopping.Dispose();
    }

    private void Start()
    {
        if (Volatile.Read(ref started) == 1 || Interlocked.Exchange(ref started, 1) == 1)
        {
            return;
        }
        // Not the first caller's context: its HttpContext (the signed-in user) must not leak into every batch.
        using (ExecutionContext.SuppressFlow())
        {
            loop = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var p))
                {
                    batch.Add(p);
                }
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        // Two calls with one Idempotency-Key in one batch would fail it on the unique index: the later ones go
        // after the commit, alone, and find the first one's request.
        var keys = new HashSet<(Guid, string)>();
        var together = new List<Pending>(batch.Count);
        var after = new List<Pending>();
        foreach (var p in batch)
        {
            (p.Draft.Key is null || keys.Add((p.Draft.Caller, p.Draft.Key)) ? together : after).Add(p);
        }
        if (together.Count == 1)
        {
            after.Insert(0, together[0]);
        }
        else
        {
            try
            {
                var made = await CommitAsync(together);
                for (var i = 0; i < together.Count; i++)
                {
                    together[i].Done.TrySetResult(new IntakeResult(made[i], true, together[i].Draft.Names()));
                }
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Intake: a batch of {Count} creates failed together; writing each on its own", together.Count);
                after.InsertRange(0, together);
            }
        }
        foreach (var p in after)
        {
            await WriteAloneAsync(p);
        }
    }

    private async Task WriteAloneAsync(Pending p)
    {
        try
        {
            p.Done.TrySetResult(new IntakeResult((await CommitAsync([p]))[0], true, p.Draft.Names()));
        }
        catch (DbUpdateException e) when (p.Draft.Key is not null)
        {
            // Most likely a concurrent call with the same key (here, or on another node) won the unique index.
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var winner = await Intake.ReplayAsync(db, p.Draft.Caller, p.Draft.Key, p.Draft.Input, CancellationToken.None);
                if (winner is null)
                {
                    p.Done.TrySetException(e);
                }
                else
                {
                    p.Done.TrySetResult(new IntakeResult(winner, false));
                }
            }
            catch (Exception replay)
            {
                p.Done.TrySetException(replay);
            }
        }
        catch (Exception e)
        {
            p.Done.TrySetException(e);
        }
    }

    /// <summary>
    /// Writes the creates in one transaction: each with its number, search entry, timers, notice, idempotency key
    /// and audit event, exactly as a lone create would.
    /// </summary>
    private async Task<List<ServiceRequest>> CommitAsync(IReadOnlyList<Pending> items)
    {
        // Not the callers' tokens: once a batch is under way it commits or fails for all of them together.
        var ct = CancellationToken.None;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        var timers = services.GetRequiredService<RequestTimers>();
        var notices = services.GetRequiredService<RequestNotices>();
        // Rows are only added here; nothing needs comparing with a snapshot.
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var next = new Dictionary<int, int>();
        // Ascending years: a batch across New Year takes the two counter rows in the order every node does.
        foreach (var year in items.GroupBy(p => p.Draft.Year).OrderBy(g => g.Key))
        {
            next[year.Key] = await RequestNumbers.ReserveAsync(db, year.Key, year.Count(), ct);
        }
        var made = new List<ServiceRequest>(items.Count);
        foreach (var d in items.Select(p => p.Draft))
        {
            var request = d.Build(new RequestNumber(d.Year, next[d.Year]++));
            db.Add(request);
            var entry = new RequestSearchEntry(request);
            entry.Describe(RequestSearch.Parts(request, d.Place.CampusName, d.Place.Building, d.Place.Code, d.Place.Name, d.Category.Entity.Name, d.People.Select(p => (p.DisplayName, p.UserName))));
            db.Add(entry);
            timers.ScheduleCommitments(request);
            if (d.Key is not null)
            {
                db.Add(new IdempotencyKey(d.Caller, d.Key, d.Input.Hash(), request.Id, d.Now));
            }
            if (d.Logged)
            {
                LoggedFor(d, request, audit, notices);
            }
            else
            {
                // The outbox drops the signed-in actor's own id; the writer has none, so the caller is left out here.
                notices.Tell(request, "service_request.assigned", [request.FirstContactOwnerId == d.Caller ? null : request.FirstContactOwnerId]);
                audit.RecordAs(
                    d.ActorName,
                    "service_request.submitted",
                    Intake.SubjectType,
                    request.Id,
                    new { request.Number, category = d.Category.Entity.Code, room = d.Input.RoomCode, urgency = d.Input.Urgency.ToString(), channel = d.Input.Channel.ToString(), owner = d.Owner }
                );
            }
            made.Add(request);
        }
        // Every row here is new: multi-row INSERTs instead of EF's command per row (ADR 0015), nothing left to save.
        await AddedRows.InsertAsync(db, ct);
        await tx.CommitAsync(ct);
        return made;
    }

    /// <summary>
    /// A request staff logged for a caller (ADR 0022): the timeline says who logged it for whom, then who handles it
    /// (named by the receiving post, so by the system). When it went to someone else, the handler is told it is theirs
    /// and the logger, who owns it, is told whom to follow up with.
    /// </summary>
    private static void LoggedFor(IntakeDraft d, ServiceRequest request, AuditLog audit, RequestNotices notices)
    {
        var kept = request.HandlerId == d.Caller;
        audit.RecordAs(
            d.ActorName,
            "service_request.logged",
            Intake.SubjectType,
            request.Id,
            new { request.Number, category = d.Category.Entity.Code, room = d.Input.RoomCode, urgency = d.Input.Urgency.ToString(), channel = d.Input.Channel.ToString(), owner = d.Owner, handler = d.Handler },
            request.CallerName
        );
        string Name(Guid id) => d.People.First(p => p.Id == id).DisplayName;
        audit.RecordAs(
            CurrentActor.System,
            "service_request.routed",
            Intake.SubjectType,
            request.Id,
            new { request.Number, post = d.Category.Entity.PostCode, handler = d.Handler, keptByLogger = kept },
            Name(request.HandlerId)
        );
        if (kept)
        {
            return;
        }
        notices.Tell(request, RequestNotices.LoggedForYou, [request.HandlerId], ("logger", Name(d.Caller)), ("caller", request.CallerName!));
        notices.Tell(request, RequestNotices.Routed, [d.Caller], ("handler", Name(request.HandlerId)), ("caller", request.CallerName!));
    }

    private sealed record Pending(IntakeDraft Draft, TaskCompletionSource<IntakeResult> Done);
}
