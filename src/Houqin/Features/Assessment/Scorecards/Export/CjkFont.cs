using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using PdfSharp.Fonts;

namespace Houqin.Features.Assessment;

/// <summary>
/// The Chinese font the printable scorecards are set in. PDFsharp finds no fonts by itself on Linux, so this resolver
/// hands it the font file: <c>Houqin:Export:PdfFont</c> when configured, else the first of the usual CJK fonts
/// (fonts-wqy-microhei, Noto CJK) or what fontconfig offers for Chinese. Without one a PDF would print empty boxes, so
/// the export refuses instead (<see cref="Find"/> returns null).
/// </summary>
public sealed class CjkFont : IFontResolver
{
    private static readonly string[] KnownPaths =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    ];

    private static readonly CjkFont Instance = new();
    private static readonly Lock Installing = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);
    private static readonly Lazy<string?> Discovered = new(Discover);

    private CjkFont() { }

    /// <summary>The font file to use (its path is the family name handed to PDFsharp), or null when there is none.</summary>
    public static string? Find(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? Discovered.Value : configured;
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        Install();
        return path;
    }

    private static void Install()
    {
        lock (Installing)
        {
            if (GlobalFontSettings.FontResolver is not CjkFont)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        File.Exists(familyName) ? new FontResolverInfo(familyName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, path => FirstFace(File.ReadAllBytes(path)));

    private static string? Discover()
    {
        var known = KnownPaths.FirstOrDefault(File.Exists);
        if (known is not null)
        {
            return known;
        }
        try
        {
            using var fc = Process.Start(
                new ProcessStartInfo("fc-match", ["-f", "%{file}", ":lang=zh-cn"]) { RedirectStandardOutput = true, UseShellExecute = false }
            );
            if (fc is null)
            {
                return null;
            }
            var file = fc.StandardOutput.ReadToEnd().Trim();
            fc.WaitForExit(5000);
            // fontconfig answers with its best font even when it has no Chinese one; only a CJK family will do.
            return file.Length > 0 && File.Exists(file) && IsCjkName(file) ? file : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no fontconfig on this machine
        }
    }

    private static bool IsCjkName(string file) =>
        new[] { "cjk", "wqy", "hei", "song", "kai", "ming", "fang", "droidsansfallback" }.Any(k => Path.GetFileName(file).Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A TrueType collection (.ttc) holds several faces sharing one file; PDFsharp reads single fonts only, so the first
    /// face's tables are copied into a font file of their own (a plain .ttf/.otf passes through unchanged).
    /// </summary>
    public static byte[] FirstFace(byte[] file)
    {
        if (file.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(file) != 0x74746366) // "ttcf"
        {
            return file;
        }
        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(face + 4));
        var header = 12 + 16 * tables;
        var records = Enumerable
            .Range(0, tables)
            .Select(i => face + 12 + 16 * i)
            .Select(r => (Record: r, Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 8)), Length: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 12))))
            .ToList();
        var size = header + records.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[size];
        file.AsSpan(face, header).CopyTo(font);
        var at = header;
        for (var i = 0; i < records.Count; i++)
        {
            var (_, offset, length) = records[i];
            file.AsSpan(offset, length).CopyTo(font.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * i + 8), (uint)at);
            at += (length + 3) & ~3;
        }
        return font;
    }
}
