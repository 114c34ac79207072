namespace Houqin.Cli;

/// <summary>An admin verb of the same binary, e.g. <c>houqin migrate</c> or <c>houqin audit verify</c>.</summary>
public interface ICliVerb
{
    /// <summary>The words that select it, e.g. <c>"audit verify"</c>.</summary>
    string Name { get; }

    string Help { get; }

    Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct);
}

public static class CommandLine
{
    /// <summary>True when <paramref name="args"/> start with a verb rather than host options.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var verbs = services.GetServices<ICliVerb>().OrderByDescending(v => v.Name.Length).ToList();
        var line = string.Join(' ', args);
        var verb = verbs.FirstOrDefault(v => line == v.Name || line.StartsWith(v.Name + " ", StringComparison.Ordinal));
        if (verb is null)
        {
            await Console.Error.WriteLineAsync($"houqin: unknown command '{line}'. Commands:");
            foreach (var v in verbs.OrderBy(v => v.Name, StringComparer.Ordinal))
            {
                await Console.Error.WriteLineAsync($"  houqin {v.Name,-16} {v.Help}");
            }
            return 2;
        }
        var rest = args.Skip(verb.Name.Split(' ').Length).ToArray();
        return await verb.RunAsync(services, rest, Console.Out, CancellationToken.None);
    }
}

internal sealed class MigrateVerb : ICliVerb
{
    public string Name => "migrate";

    public string Help => "apply pending database migrations";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        await Data.DataModule.MigrateAsync(services, ct);
        await output.WriteLineAsync("houqin: database is up to date.");
        return 0;
    }
}
