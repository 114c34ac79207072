namespace Houqin.Features.Account;

/// <summary>
/// Lets one sign-in attempt per account (per user name) run at a time in this process, from the lockout check
/// through the password hash to the failure count. Without it, parallel wrong guesses all pass the lockout
/// check before any of them is counted, and Identity's read-modify-write of the count loses some of them:
/// twenty guesses at once got twenty tries instead of five. Striped, so it costs a fixed 64 semaphores
/// however many names are tried. Several nodes each keep their own gate (ADR 0004).
/// </summary>
public sealed class AttemptGate : IDisposable
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string userName, CancellationToken ct = default)
    {
        var key = userName.Trim().ToUpperInvariant();
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes)];
        await stripe.WaitAsync(ct);
        return new Held(stripe);
    }

    public void Dispose()
    {
        foreach (var s in stripes)
        {
            s.Dispose();
        }
    }

    private sealed class Held(SemaphoreSlim stripe) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
