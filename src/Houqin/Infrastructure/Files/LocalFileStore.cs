using Houqin.Data;
using Microsoft.Data.Sqlite;

namespace Houqin.Infrastructure.Files;

/// <summary>
/// Files on the local disk under <c>Houqin:Storage:Path</c>; by default a <c>files</c> folder beside the SQLite
/// database (<c>data/files</c> on PostgreSQL), so a backup of the data folder takes both. A root inside the web
/// root is refused: static files must never serve an upload.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    public string Root { get; }

    public LocalFileStore(IConfiguration config, IHostEnvironment env)
    {
        Root = Path.GetFullPath(RootFrom(config), env.ContentRootPath);
        var webRoot = Path.GetFullPath(Path.Combine(env.ContentRootPath, "wwwroot"));
        if ((Root + Path.DirectorySeparatorChar).StartsWith(webRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Houqin:Storage:Path ({Root}) must not be inside the web root.");
        }
        Directory.CreateDirectory(Root);
    }

    private static string RootFrom(IConfiguration config)
    {
        if (config["Houqin:Storage:Path"] is { Length: > 0 } path)
        {
            return path;
        }
        var provider = config["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return Path.Combine("data", "files");
        }
        var file = new SqliteConnectionStringBuilder(config.GetConnectionString("Houqin") ?? DataModule.DefaultSqlite).DataSource;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? "data", "files");
    }

    private string PathOf(string name) =>
        IFileStore.IsValidName(name) ? Path.Combine(Root, name[30..], name) : throw new ArgumentException("Not a generated file name.", nameof(name));

    public async Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // CreateNew: a generated name never overwrites anything; flushed to disk before the row refers to it.
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await file.WriteAsync(content, ct);
        file.Flush(flushToDisk: true);
    }

    public Stream? OpenRead(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous) : null;
    }

    public void Delete(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
