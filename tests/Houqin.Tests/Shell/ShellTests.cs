using System.Net;

namespace Houqin.Tests.Shell;

public class ShellTests
{
    [Fact]
    public async Task Home_page_answers_in_Chinese_by_default()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("后勤服务", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public class ReadinessTests
{
    [Fact]
    public async Task A_node_whose_database_is_not_migrated_is_alive_but_not_ready()
    {
        var dir = Directory.CreateTempSubdirectory("houqin-ready-");
        try
        {
            await using var app = await TestApp.StartAsync();
            await using var unmigrated = app.WithWebHostBuilder(b =>
            {
                b.UseSetting("Database:MigrateOnStart", "false");
                b.UseSetting(
                    "ConnectionStrings:Houqin",
                    TestApp.OnPostgres ? TestApp.UnusedPostgresDatabase() : $"Data Source={Path.Combine(dir.FullName, "empty.db")}"
                );
            });
            using var client = unmigrated.CreateClient();

            var live = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
            var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}
