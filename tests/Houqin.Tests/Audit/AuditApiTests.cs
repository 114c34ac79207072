using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Houqin.Infrastructure.Audit;

namespace Houqin.Tests.Audit;

/// <summary>A client that trusts nothing but the server's public key checks the log over HTTP.</summary>
public class AuditApiTests
{
    private sealed record TreeHead(long TreeSize, string RootHash, DateTime Timestamp, string Signature, string PublicKey);

    private sealed record EventView(long Sequence, DateTime At, string Actor, string Action, string SubjectType, string SubjectId, string Data, string? Reason);

    private sealed record Inclusion(
        long Sequence,
        long LeafIndex,
        long TreeSize,
        string LeafHash,
        string? LeafInput,
        string RootHash,
        List<string> AuditPath,
        EventView? Event
    );

    private sealed record Consistency(long From, long To, string FromRoot, string ToRoot, List<string> Proof);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TreeHead> VerifiedTreeHeadAsync(HttpClient client)
    {
        var head = await client.GetFromJsonAsync<TreeHead>("/api/v1/audit/tree-head", Ct);
        Assert.NotNull(head);
        var message = AuditSigningKey.TreeHeadMessage(head.TreeSize, head.Timestamp, Convert.FromBase64String(head.RootHash));
        Assert.True(
            AuditSigningKey.Verify(Convert.FromBase64String(head.PublicKey), message, Convert.FromBase64String(head.Signature)),
            "tree head signature"
        );
        return head;
    }

    [Fact]
    public async Task Anyone_can_check_an_event_and_the_growth_of_the_log_against_signed_tree_heads()
    {
        await using var app = await AuditTestApp.StartAsync();
        using var client = app.CreateClient();
        var early = await AuditTestApp.RecordAsync(app, 5);
        await AuditTestApp.SealAsync(app);
        var first = await VerifiedTreeHeadAsync(client);

        await AuditTestApp.RecordAsync(app, 7, "HandOff");
        Assert.Equal(7, await AuditTestApp.SealAsync(app));
        var second = await VerifiedTreeHeadAsync(client);
        Assert.Equal(first.TreeSize + 7, second.TreeSize);
        Assert.Equal(first.PublicKey, second.PublicKey);

        var path = $"/api/v1/audit/events/{early[2]}/proof?treeSize={second.TreeSize}";
        var anonymous = await client.GetFromJsonAsync<Inclusion>(path, Ct);
        Assert.NotNull(anonymous);
        Assert.Null(anonymous.Event); // the public sees hashes, not who did what
        Assert.Null(anonymous.LeafInput);
        using var auditor = app.WithTestSignIn().ClientAs("auditor");
        var proof = await auditor.GetFromJsonAsync<Inclusion>(path, Ct);
        Assert.NotNull(proof?.Event);
        Assert.Equal(anonymous.LeafHash, proof.LeafHash);
        Assert.Equal(anonymous.AuditPath, proof.AuditPath);
        Assert.Equal(early[2], proof.Event.Sequence);
        Assert.Equal(("water1", "Acknowledge", "REQ-2", "夜间报修"), (proof.Event.Actor, proof.Event.Action, proof.Event.SubjectId, proof.Event.Reason));
        var leafInput = Convert.FromBase64String(proof.LeafInput!);
        var leafHash = SHA256.HashData([0x00, .. leafInput]);
        Assert.Equal(proof.LeafHash, Convert.ToBase64String(leafHash));
        Assert.True(
            Rfc6962.VerifyInclusion(
                proof.LeafIndex,
                second.TreeSize,
                leafHash,
                [.. proof.AuditPath.Select(Convert.FromBase64String)],
                Convert.FromBase64String(second.RootHash)
            )
        );

        var consistency = await client.GetFromJsonAsync<Consistency>(
            $"/api/v1/audit/consistency?from={first.TreeSize}&to={second.TreeSize}",
            Ct
        );
        Assert.NotNull(consistency);
        Assert.True(
            Rfc6962.VerifyConsistency(
                first.TreeSize,
                second.TreeSize,
                Convert.FromBase64String(first.RootHash),
                Convert.FromBase64String(second.RootHash),
                [.. consistency.Proof.Select(Convert.FromBase64String)]
            )
        );
    }

    [Fact]
    public async Task An_event_is_provable_in_the_first_tree_head_that_holds_it_and_the_proof_defaults_to_the_newest()
    {
        await using var app = await AuditTestApp.StartAsync();
        using var client = app.CreateClient();
        var sequences = await AuditTestApp.RecordAsync(app, 3);
        await AuditTestApp.SealAsync(app);
        var head = await VerifiedTreeHeadAsync(client);

        var proof = await client.GetFromJsonAsync<Inclusion>($"/api/v1/audit/events/{sequences[^1]}/proof", Ct);
        Assert.NotNull(proof);
        Assert.Equal(head.TreeSize, proof.TreeSize);
        Assert.Equal(head.TreeSize - 1, proof.LeafIndex);
        Assert.Equal(head.RootHash, proof.RootHash);
    }

    [Fact]
    public async Task Bad_and_out_of_range_requests_get_problems_with_stable_codes()
    {
        await using var app = await AuditTestApp.StartAsync();
        using var client = app.CreateClient();
        var sealedOnes = await AuditTestApp.RecordAsync(app, 3);
        await AuditTestApp.SealAsync(app);
        var pending = await AuditTestApp.RecordAsync(app, 1);
        var head = await VerifiedTreeHeadAsync(client);
        var leaf = (await client.GetFromJsonAsync<Inclusion>($"/api/v1/audit/events/{sealedOnes[^1]}/proof", Ct))!.LeafIndex;

        var cases = new (string Url, HttpStatusCode Status, string Code)[]
        {
            ("/api/v1/audit/events/abc/proof", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ("/api/v1/audit/events/-1/proof", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ($"/api/v1/audit/events/{sealedOnes[0]}/proof?treeSize=x", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ($"/api/v1/audit/events/{sealedOnes[0]}/proof?treeSize=0", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ("/api/v1/audit/events/99999999/proof", HttpStatusCode.NotFound, "audit_event_not_found"),
            ($"/api/v1/audit/events/{pending[0]}/proof", HttpStatusCode.NotFound, "audit_event_not_sealed"),
            ($"/api/v1/audit/events/{sealedOnes[0]}/proof?treeSize={head.TreeSize + 1}", HttpStatusCode.NotFound, "audit_tree_size_unknown"),
            ($"/api/v1/audit/events/{sealedOnes[^1]}/proof?treeSize={leaf}", HttpStatusCode.BadRequest, "audit_event_not_in_tree_size"),
            ("/api/v1/audit/consistency?from=0&to=1", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ("/api/v1/audit/consistency?to=1", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ("/api/v1/audit/consistency?from=3&to=2", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ("/api/v1/audit/consistency?from=1&to=99999999999999999999", HttpStatusCode.BadRequest, "audit_bad_parameter"),
            ($"/api/v1/audit/consistency?from=1&to={head.TreeSize + 1}", HttpStatusCode.NotFound, "audit_tree_size_unknown"),
        };
        foreach (var (url, status, code) in cases)
        {
            var response = await client.GetAsync(url, Ct);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        }
    }
}
