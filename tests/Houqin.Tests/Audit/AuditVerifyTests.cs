using Houqin.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Audit;

/// <summary><c>houqin audit verify</c>, run in-process against a test app's database, before and after tampering.</summary>
public class AuditVerifyTests
{
    private static async Task<(int Exit, string Output)> VerifyAsync(TestApp app, params string[] args)
    {
        var verb = app.Services.GetServices<ICliVerb>().Single(v => v.Name == "audit verify");
        using var output = new StringWriter();
        var exit = await verb.RunAsync(app.Services, args, output, TestContext.Current.CancellationToken);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task An_untouched_log_verifies_and_the_verb_says_what_it_checked()
    {
        await using var app = await AuditTestApp.StartAsync();
        await AuditTestApp.RecordAsync(app, 4);
        await AuditTestApp.SealAsync(app);
        await AuditTestApp.RecordAsync(app, 3);

        var (exit, output) = await VerifyAsync(app);

        Assert.True(exit == 0, output);
        Assert.Contains("sealed 3 new events", output, StringComparison.Ordinal);
        Assert.Contains("leaves:", output, StringComparison.Ordinal);
        Assert.Contains("tree heads:", output, StringComparison.Ordinal);
        Assert.Contains("audit log verified: OK", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Tamperings =>
        new()
        {
            { "data changed", "UPDATE audit_events SET \"Data\" = '{\"step\":99}' WHERE \"Sequence\" = {1}", "event {1} (leaf" },
            { "actor changed", "UPDATE audit_events SET \"Actor\" = 'director' WHERE \"Sequence\" = {1}", "event {1} (leaf" },
            { "instant moved", "UPDATE audit_events SET \"At\" = '2020-01-01 00:00:00' WHERE \"Sequence\" = {1}", "event {1} (leaf" },
            { "event deleted", "DELETE FROM audit_events WHERE \"Sequence\" = {1}", "event {1} (leaf" },
            { "last event deleted", "DELETE FROM audit_events WHERE \"Sequence\" = {3}", "event {3} (leaf" },
            {
                "events reordered",
                "UPDATE audit_events SET \"Sequence\" = -1 WHERE \"Sequence\" = {1}; UPDATE audit_events SET \"Sequence\" = {1} WHERE \"Sequence\" = {2}; UPDATE audit_events SET \"Sequence\" = {2} WHERE \"Sequence\" = -1",
                "event {1} (leaf"
            },
            {
                "leaves reordered",
                "UPDATE audit_leaves SET \"Sequence\" = -1 WHERE \"Sequence\" = {1}; UPDATE audit_leaves SET \"Sequence\" = {1} WHERE \"Sequence\" = {2}; UPDATE audit_leaves SET \"Sequence\" = {2} WHERE \"Sequence\" = -1",
                "event {2} (leaf"
            },
            {
                "leaf rewritten to match an altered event",
                "UPDATE audit_events SET \"Data\" = '{}' WHERE \"Sequence\" = {1}; UPDATE audit_leaves SET \"LeafHash\" = (SELECT \"LeafHash\" FROM audit_leaves WHERE \"Sequence\" = {2}) WHERE \"Sequence\" = {1}",
                "event {1} (leaf"
            },
            { "leaf removed", "DELETE FROM audit_leaves WHERE \"Sequence\" = {1}", "is missing" },
            { "stored node altered", "UPDATE audit_nodes SET \"Hash\" = (SELECT \"LeafHash\" FROM audit_leaves WHERE \"Sequence\" = {1})", "stored node" },
            { "tree head root altered", "UPDATE audit_tree_heads SET \"RootHash\" = (SELECT \"LeafHash\" FROM audit_leaves WHERE \"Sequence\" = {1})", "root does not match" },
            {
                "tree head signature replaced",
                "UPDATE audit_tree_heads SET \"Signature\" = (SELECT \"Signature\" FROM audit_tree_heads ORDER BY \"TreeSize\" LIMIT 1)",
                "signature does not verify"
            },
            { "tree head timestamp moved", "UPDATE audit_tree_heads SET \"Timestamp\" = '2020-01-01 00:00:00'", "signature does not verify" },
        };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Tampering_is_detected_and_named(string what, string sql, string expected)
    {
        await using var app = await AuditTestApp.StartAsync();
        var s = await AuditTestApp.RecordAsync(app, 3);
        await AuditTestApp.SealAsync(app);
        var more = await AuditTestApp.RecordAsync(app, 2);
        await AuditTestApp.SealAsync(app);
        Assert.Equal(0, (await VerifyAsync(app)).Exit);
        // {1}, {2}: neighbouring events in the middle of the log; {3}: the newest.
        string Fill(string text) =>
            text.Replace("{1}", $"{s[1]}", StringComparison.Ordinal)
                .Replace("{2}", $"{s[2]}", StringComparison.Ordinal)
                .Replace("{3}", $"{more[^1]}", StringComparison.Ordinal);

        await AuditTestApp.DropTriggersAsync(app);
        await AuditTestApp.ExecuteAsync(app, Fill(sql));
        var (exit, output) = await VerifyAsync(app, "--no-seal");

        Assert.True(exit != 0, $"{what} went unnoticed:\n{output}");
        Assert.Contains("verification FAILED: ", output, StringComparison.Ordinal);
        Assert.Contains(Fill(expected), output, StringComparison.Ordinal);
    }
}
