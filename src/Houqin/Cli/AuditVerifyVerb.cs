using Houqin.Data;
using Houqin.Infrastructure.Audit;

namespace Houqin.Cli;

/// <summary>
/// <c>houqin audit verify [--no-seal]</c>: seals what is committed (unless told not to), then recomputes the
/// whole audit log and checks every stored hash and signed tree head. Exit code 0 when all agree, 1 otherwise.
/// </summary>
internal sealed class AuditVerifyVerb : ICliVerb
{
    public string Name => "audit verify";

    public string Help => "recompute the audit log's Merkle tree and check every signed tree head";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        var key = services.GetRequiredService<AuditSigningKey>();
        if (!args.Contains("--no-seal"))
        {
            var added = await services.GetRequiredService<AuditSealer>().SealAsync(ct, passGaps: true);
            await output.WriteLineAsync($"sealed {added} new events before verifying");
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await output.WriteLineAsync($"public key: {Convert.ToBase64String(key.PublicKey)}");
        var ok = await new AuditVerifier(db, key.PublicKey, output).VerifyAsync(ct);
        return ok ? 0 : 1;
    }
}
