using System.Diagnostics;
using Houqin.Data;
using Houqin.Features.ServiceDesk.Demo;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.ServiceDesk.Demo;

/// <summary>
/// The application started on a copy of the demo campus with the history switched on, as <c>dotnet run</c>
/// starts it: the history is seeded at start-up, up to the manual clock's Monday 2026-11-30 09:00. Shared by
/// the tests of one class, which only read it (apart from seeding again, which must add nothing).
/// </summary>
public sealed class HistoryHost : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public WebApplicationFactory<Program> Web { get; private set; } = null!;

    /// <summary>How long the host took to start, history included.</summary>
    public TimeSpan StartUp { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.StartAsync();
        App.Configure("Houqin:Demo:Seed", "true").Configure(DemoHistory.Setting, "true");
        var watch = Stopwatch.StartNew();
        Web = App.WithTestSignIn();
        _ = Web.Services;
        StartUp = watch.Elapsed;
    }

    public AsyncServiceScope Scope(out AppDbContext db)
    {
        var scope = Web.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await App.DisposeAsync();
    }
}
