using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Houqin.Tests.ServiceDesk.Faults;

/// <summary>What the injected failure throws: a database error, as a dropped connection or a full disk would.</summary>
internal sealed class InjectedDbFault(int n) : DbException($"injected fault at database command {n}");

/// <summary>
/// Fails the N-th database command (query, write or commit) after it is armed, then lets everything through again.
/// Registered as an <see cref="IInterceptor"/>, which every <c>AppDbContext</c> of the app picks up.
/// </summary>
internal sealed class FailingDatabase : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int failAt;
    private int seen;

    /// <summary>Whether the armed failure was reached (false: the operation needed fewer commands).</summary>
    public bool Fired { get; private set; }

    public void Arm(int n) => (failAt, seen, Fired) = (n, 0, false);

    public void Disarm() => failAt = 0;

    private void Count()
    {
        if (failAt == 0)
        {
            return;
        }
        if (Interlocked.Increment(ref seen) == failAt)
        {
            Fired = true;
            failAt = 0;
            throw new InjectedDbFault(seen);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Count();
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }
}
