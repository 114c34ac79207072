namespace Houqin.Tests.Browser;

/// <summary>
/// The browser tests run one at a time: each starts a real Kestrel server, and a factory derived with
/// WithWebHostBuilder does not take UseKestrel(0)'s dynamic port, so two at once would race for localhost:5000.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
