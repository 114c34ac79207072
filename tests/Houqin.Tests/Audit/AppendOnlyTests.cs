using System.Data.Common;
using Houqin.Data;

namespace Houqin.Tests.Audit;

public class AppendOnlyTests
{
    [Theory]
    [InlineData("UPDATE audit_events SET \"Data\" = '{\"forged\":true}' WHERE \"Sequence\" = {0}")]
    [InlineData("DELETE FROM audit_events WHERE \"Sequence\" = {0}")]
    [InlineData("UPDATE audit_leaves SET \"LeafHash\" = \"LeafHash\" WHERE \"Sequence\" = {0}")]
    [InlineData("DELETE FROM audit_leaves WHERE \"Sequence\" = {0}")]
    [InlineData("UPDATE audit_tree_heads SET \"Signature\" = \"Signature\"")]
    [InlineData("DELETE FROM audit_tree_heads")]
    [InlineData("UPDATE audit_nodes SET \"Hash\" = \"Hash\"")]
    [InlineData("DELETE FROM audit_nodes")]
    public async Task The_database_refuses_to_rewrite_the_audit_tables(string statement)
    {
        await using var app = await AuditTestApp.StartAsync();
        var sequences = await AuditTestApp.RecordAsync(app, 3);
        await AuditTestApp.SealAsync(app);
        var sql = statement.Replace("{0}", sequences[0].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => AuditTestApp.ExecuteAsync(app, sql));
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_the_triggers_again_is_harmless_and_they_still_refuse()
    {
        await using var app = await AuditTestApp.StartAsync();
        var sequences = await AuditTestApp.RecordAsync(app, 1);
        await DataModule.MigrateAsync(app.Services, TestContext.Current.CancellationToken);
        await DataModule.MigrateAsync(app.Services, TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            AuditTestApp.ExecuteAsync(app, $"DELETE FROM audit_events WHERE \"Sequence\" = {sequences[0]}")
        );
        Assert.Equal(1, await AuditTestApp.ExecuteAsync(app, "INSERT INTO audit_events (\"At\", \"Actor\", \"Action\", \"SubjectType\", \"SubjectId\", \"Data\") VALUES ('2026-11-30 01:00:00', 'a', 'b', 'c', 'd', '{}')"));
    }
}
