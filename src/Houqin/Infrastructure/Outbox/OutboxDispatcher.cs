using Houqin.Data;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Infrastructure.Outbox;

public readonly record struct DispatchResult(int Sent, int Failed, int Held);

/// <summary>
/// Sends pending deliveries through their channels, outside any business transaction: a failing channel only
/// delays its own rows. Non-urgent rows due in quiet hours are moved to the hours' end; each channel sends at
/// most its <see cref="INotificationChannel.PerMinute"/> (counted from what was sent in the last minute, so a
/// restart does not reset it); a failure is retried with doubling delays, then given up on after
/// <see cref="Delivery.MaxAttempts"/>. A row is claimed by one conditional update before it is sent, so two
/// nodes never send it both; a node that dies after sending but before recording it sends it again after the
/// lease (at least once: channels receive the delivery id to drop repeats if their peer can).
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<INotificationChannel> channels,
    IConfiguration config,
    ILogger<OutboxDispatcher> log
) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly int batchSize = config.GetValue("Houqin:Outbox:BatchSize", 100);
    private readonly TimeSpan lease = config.GetValue("Houqin:Outbox:ClaimLease", TimeSpan.FromMinutes(2));
    private readonly TimeSpan sendTimeout = config.GetValue("Houqin:Outbox:SendTimeout", TimeSpan.FromSeconds(30));

    public OutboxPolicy Policy { get; } = OutboxPolicy.Defaults;

    public void Dispose() => gate.Dispose();

    public async Task<DispatchResult> DispatchAsync(DateTime now, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            var total = new DispatchResult();
            foreach (var channel in channels.DistinctBy(c => c.Name))
            {
                var r = await DispatchChannelAsync(channel, now, ct);
                total = new DispatchResult(total.Sent + r.Sent, total.Failed + r.Failed, total.Held + r.Held);
            }
            return total;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DispatchResult> DispatchChannelAsync(INotificationChannel channel, DateTime now, CancellationToken ct)
    {
        List<Guid> due;
        var held = 0;
        int budget;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pending = db.Set<Delivery>().Where(d => d.Channel == channel.Name && d.SentAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now);
            if (Policy.QuietUntilAfter(now) is { } until)
            {
                held = await pending.Where(d => !d.Urgent).ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, until), ct);
            }
            var minuteAgo = now.AddMinutes(-1);
            budget = channel.PerMinute - await db.Set<Delivery>().CountAsync(d => d.Channel == channel.Name && d.SentAt > minuteAgo, ct);
            if (budget <= 0)
            {
                return new DispatchResult(0, 0, held);
            }
            due = await pending
                .Where(d => d.ClaimedUntil == null || d.ClaimedUntil <= now)
                .OrderBy(d => d.NextAttemptAt)
                .ThenBy(d => d.Id)
                .Select(d => d.Id)
                .Take(Math.Min(budget, batchSize))
                .ToListAsync(ct);
        }
        var sent = 0;
        var failed = 0;
        foreach (var id in due)
        {
            switch (await SendAsync(channel, id, now, ct))
            {
                case true:
                    sent++;
                    break;
                case false:
                    failed++;
                    break;
            }
        }
        return new DispatchResult(sent, failed, held);
    }

    /// <summary>True sent, false failed, null claimed by someone else meanwhile.</summary>
    private async Task<bool?> SendAsync(INotificationChannel channel, Guid id, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claimed = await db
            .Set<Delivery>()
            .Where(d => d.Id == id && d.SentAt == null && d.GaveUpAt == null && (d.ClaimedUntil == null || d.ClaimedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, now + lease), ct);
        if (claimed == 0)
        {
            return null;
        }
        var delivery = await db.Set<Delivery>().SingleAsync(d => d.Id == id, ct);
        var notice = await db.Set<Notice>().AsNoTracking().SingleAsync(n => n.Id == delivery.NoticeId, ct);
        bool ok;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(sendTimeout);
            await channel.SendAsync(
                new OutgoingNotice(delivery.Id, notice.Id, notice.RecipientId, notice.Kind, notice.SubjectType, notice.SubjectId, notice.Arguments()),
                timeout.Token
            );
            delivery.Sent(now);
            ok = true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Delivery {Id} through {Channel} failed on attempt {Attempt}", id, channel.Name, delivery.Attempts + 1);
            delivery.Failed($"{e.GetType().Name}: {e.Message}", now, Policy.FirstRetry, Policy.MaxRetry);
            ok = false;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return ok;
    }
}
