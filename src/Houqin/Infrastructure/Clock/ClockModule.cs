namespace Houqin.Infrastructure.Clock;

/// <summary>
/// <c>Houqin:Clock:Mode</c> = <c>System</c> (default) or <c>Manual</c> (end-to-end tests only: refused in
/// Production). <c>Houqin:Clock:Start</c> is where the manual clock starts.
/// </summary>
public static class ClockModule
{
    public static IServiceCollection AddClock(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var mode = config["Houqin:Clock:Mode"] ?? "System";
        if (mode.Equals("Manual", StringComparison.OrdinalIgnoreCase))
        {
            if (env.IsProduction())
            {
                throw new InvalidOperationException("Houqin:Clock:Mode=Manual is refused in Production.");
            }
            var start = config["Houqin:Clock:Start"] is { Length: > 0 } s
                ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture)
                : DateTimeOffset.UtcNow;
            var clock = new ManualClock(start);
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }
        return services;
    }
}

/// <summary>A clock that only moves when told to: for end-to-end tests driving deadlines.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (gate)
        {
            now += by;
        }
    }
}
