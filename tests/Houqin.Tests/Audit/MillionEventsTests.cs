using System.Diagnostics;
using Houqin.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Audit;

/// <summary>
/// QUALITY.md: verifying 1,000,000 events in ≤ 60 s. Slow (it seals a million events first), so it runs only
/// when <c>HOUQIN_AUDIT_MILLION=1</c>; it writes the times to <c>$TMPDIR/houqin-audit-million.txt</c> and
/// asserts only that the log verifies.
/// </summary>
public class MillionEventsTests
{
    [Fact]
    public async Task A_million_events_seal_and_verify()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("HOUQIN_AUDIT_MILLION") == "1", "set HOUQIN_AUDIT_MILLION=1 to run");
        const int count = 1_000_000;
        await using var app = await AuditTestApp.StartAsync();
        var rows = TestApp.OnPostgres
            ? "FROM generate_series(1, 1000000) AS n(i)"
            : "FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT i FROM n)";
        await AuditTestApp.ExecuteAsync(
            app,
            $"INSERT INTO audit_events (\"At\", \"Actor\", \"Action\", \"SubjectType\", \"SubjectId\", \"Data\", \"Reason\") SELECT '2026-11-30 01:00:00', 'water1', 'Acknowledge', 'Request', 'REQ-' || i, '{{\"step\":' || i || '}}', NULL {rows}"
        );
        var clock = Stopwatch.StartNew();
        var sealedCount = await AuditTestApp.SealAsync(app);
        var sealing = clock.Elapsed;
        Assert.True(sealedCount >= count);

        var verb = app.Services.GetServices<ICliVerb>().Single(v => v.Name == "audit verify");
        using var output = new StringWriter();
        clock.Restart();
        var exit = await verb.RunAsync(app.Services, ["--no-seal"], output, TestContext.Current.CancellationToken);
        var verifying = clock.Elapsed;

        var report = $"sealed {sealedCount} events in {sealing.TotalSeconds:F1} s; verified in {verifying.TotalSeconds:F1} s";
        TestContext.Current.SendDiagnosticMessage(report);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "houqin-audit-million.txt"), report, TestContext.Current.CancellationToken);
        Assert.True(exit == 0, output.ToString());
    }
}
