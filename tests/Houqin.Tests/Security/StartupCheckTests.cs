namespace Houqin.Tests.Security;

public class StartupCheckTests
{
    [Theory]
    [InlineData("Houqin:Demo:Password", "Houqin-demo-2026", "demo accounts")]
    [InlineData("Houqin:Demo:Seed", "true", "demo accounts")]
    [InlineData("Houqin:Clock:Mode", "Manual", "Manual")]
    [InlineData("DetailedErrors", "true", "developer exception page")]
    [InlineData("Houqin:Web:DeveloperExceptionPage", "true", "developer exception page")]
    public async Task Production_refuses_to_start_with_an_unsafe_setting(string key, string value, string named)
    {
        await using var app = await ProductionAsync();
        app.Configure(key, value);

        var failure = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(named, Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_with_safe_settings()
    {
        await using var app = await ProductionAsync();
        using var client = app.CreateClient();

        var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("wal", "2", null)]
    [InlineData("WAL", "3", null)]
    [InlineData("delete", "2", "journal_mode")]
    [InlineData("wal", "1", "synchronous")]
    [InlineData("wal", "0", "synchronous")]
    public void Sqlite_must_run_in_wal_with_synchronous_full(string journal, string synchronous, string? problem)
    {
        var found = StartupChecks.SqliteProblem(journal, synchronous);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    /// <summary>The test app with the Production environment and the system clock (Manual is refused there).</summary>
    private static async Task<TestApp> ProductionAsync()
    {
        var app = await TestApp.StartAsync();
        app.Configure("Houqin:Clock:Mode", "System");
        // TestApp applies its settings after its own UseEnvironment("Testing"), so this one wins.
        app.Configure("environment", "Production");
        return app;
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
