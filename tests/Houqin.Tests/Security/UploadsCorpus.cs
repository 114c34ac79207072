using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Houqin.Tests.Security;

/// <summary>
/// One hostile upload: what the attacker names it and claims it is, its bytes, and whether a careful server may
/// still take it. Only files whose header is a real JPEG, PNG or WebP within the limits may be taken (the server
/// reads headers, never decodes); everything else must be refused.
/// </summary>
public sealed record HostileFile(string Label, string FileName, string ClaimedType, byte[] Bytes, bool MayBeTaken = false)
{
    public override string ToString() => Label;
}

/// <summary>The corpus, generated in code so no binary blob is checked in.</summary>
public static class UploadsCorpus
{
    private static byte[] Ascii(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private const string Html = "<!doctype html><html><body><script>alert(document.cookie)</script><img src=x onerror=alert(1)></body></html>";

    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(document.domain)</script></svg>";

    /// <summary>A real PNG: signature, IHDR, one IDAT of deflated scanlines, IEND, each with its CRC.</summary>
    public static byte[] Png(int width, int height, byte colourType = 0, byte[]? extraChunkAfterIhdr = null, bool breakCrc = false)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = colourType;
        var channels = colourType == 2 ? 3 : 1;
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var line = new byte[1 + width * channels]; // filter byte 0, then black pixels
            for (var y = 0; y < height; y++)
            {
                z.Write(line);
            }
        }
        var ihdrChunk = Chunk("IHDR", ihdr);
        if (breakCrc)
        {
            ihdrChunk[^1] ^= 0xFF;
        }
        return Cat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], ihdrChunk, extraChunkAfterIhdr ?? [], Chunk("IDAT", raw.ToArray()), Chunk("IEND", []));
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }

    /// <summary>A JPEG's markers up to the frame header (SOI, APP0 JFIF, optional COM, SOF0) and EOI: what the server reads.</summary>
    public static byte[] JpegHeader(int width, int height, string? comment = null)
    {
        var app0 = new byte[] { 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
        var com = comment is null ? [] : Cat([0xFF, 0xFE], BigEndian16(Encoding.UTF8.GetByteCount(comment) + 2), Ascii(comment));
        var sof = Cat([0xFF, 0xC0, 0x00, 0x0B, 8], BigEndian16(height), BigEndian16(width), [1, 1, 0x11, 0]);
        return Cat([0xFF, 0xD8], app0, com, sof, [0xFF, 0xD9]);
    }

    private static byte[] BigEndian16(int v) => [(byte)(v >> 8), (byte)v];

    private static byte[] WebP(string chunk, byte[] data) =>
        Cat(Ascii("RIFF"), BitConverter.GetBytes(4 + 8 + data.Length), Ascii("WEBP"), Ascii(chunk), BitConverter.GetBytes(data.Length), data);

    private static byte[] Vp8(int width, int height, bool goodSync = true) =>
        WebP("VP8 ", Cat([0x10, 0x02, 0x00, 0x9D, 0x01, goodSync ? (byte)0x2A : (byte)0x00], BitConverter.GetBytes((ushort)width), BitConverter.GetBytes((ushort)height), new byte[20]));

    private static byte[] Vp8X(int width, int height) =>
        WebP("VP8X", Cat([0, 0, 0, 0], U24(width - 1), U24(height - 1), new byte[10]));

    private static byte[] U24(int v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16)];

    private static byte[] IsoMedia(string brand) => Cat([0, 0, 0, 0x18], Ascii("ftyp" + brand), [0, 0, 0, 0], Ascii(brand + "mif1"), new byte[32]);

    private static byte[] Zip(string entry, int zeros, int nesting)
    {
        var content = new byte[zeros];
        for (var level = 0; level < nesting; level++)
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                for (var i = 0; i < 4; i++)
                {
                    using var w = zip.CreateEntry($"{level}-{i}-{entry}", CompressionLevel.SmallestSize).Open();
                    w.Write(content);
                }
            }
            content = stream.ToArray();
        }
        return content;
    }

    private static byte[] Gzip(int zeros) => GzipOf(new byte[zeros]);

    /// <summary>A valid small PNG under names meant to escape the store, fool the eye or break the header parser.</summary>
    private static IEnumerable<HostileFile> PathTricks(byte[] png)
    {
        string[] names =
        [
            "../../wwwroot/evil.html",
            "..\\..\\..\\wwwroot\\evil.aspx",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "%2e%2e%2f%2e%2e%2fevil.html",
            "photo.png\0.html",
            "evil\u202Egnp.exe",
            "photo.php.png",
            ".htaccess",
            "CON",
            new string('a', 300) + ".png",
            new string('长', 2000) + ".png",
            "x\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>.png",
        ];
        return names.Select((n, i) => new HostileFile($"name trick {i}", n, "image/png", png, MayBeTaken: true));
    }

    public static IReadOnlyList<HostileFile> All()
    {
        var png = Png(5, 4, colourType: 2);
        var jpeg = JpegHeader(3, 2);
        var files = new List<HostileFile>
        {
            // Script in a vector image or a page under an image's name.
            new("svg with script", "photo.svg", "image/svg+xml", Ascii(Svg)),
            new("svg named png", "photo.png", "image/png", Ascii(Svg)),
            new("svg with xml prolog and entity", "x.svg", "image/svg+xml", Ascii("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + Svg.Replace("alert(1)", "&x;", StringComparison.Ordinal))),
            new("gzipped svg", "x.svgz", "image/svg+xml", GzipOf(Ascii(Svg))),
            new("html named jpg", "photo.jpg", "image/jpeg", Ascii(Html)),
            new("html with bom named png", "photo.png", "image/png", Cat([0xEF, 0xBB, 0xBF], Ascii(Html))),
            new("utf-16 html named webp", "photo.webp", "image/webp", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Html)).ToArray()),
            new("xhtml", "photo.xhtml", "application/xhtml+xml", Ascii("<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>")),
            new("javascript named jpg", "photo.jpg", "image/jpeg", Ascii("alert(document.cookie)//")),
            new("json", "photo.json", "application/json", Ascii("{\"__proto__\":{\"x\":1}}")),
            // Polyglots: one file that is two things.
            new("gifar gif+js", "photo.gif", "image/gif", Ascii("GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(1)//;")),
            new("real gif", "photo.gif", "image/gif", Cat(Ascii("GIF89a"), [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B])),
            new("gif magic only", "photo.jpg", "image/jpeg", Ascii("GIF89a")),
            new("jpeg header then html", "photo.jpg", "image/jpeg", Cat(jpeg, Ascii(Html)), MayBeTaken: true),
            new("jpeg comment holding script", "photo.jpg", "image/jpeg", JpegHeader(3, 2, Html), MayBeTaken: true),
            new("jpeg magic then html", "photo.jpg", "image/jpeg", Cat([0xFF, 0xD8, 0xFF, 0xE0], Ascii(Html))),
            new("png then html", "photo.png", "image/png", Cat(png, Ascii(Html)), MayBeTaken: true),
            new("png text chunk holding php", "photo.png", "image/png", Png(2, 2, extraChunkAfterIhdr: Chunk("tEXt", Ascii("Comment\0<?php system($_GET['c']); ?>"))), MayBeTaken: true),
            new("png first chunk not ihdr", "photo.png", "image/png", Cat(png[..8], Chunk("tEXt", Ascii("x\0<script>alert(1)</script>")), png[8..])),
            // Broken images.
            new("png wrong crc", "photo.png", "image/png", Png(3, 3, breakCrc: true), MayBeTaken: true),
            new("png cut inside ihdr", "photo.png", "image/png", png[..20]),
            new("png cut after ihdr", "photo.png", "image/png", png[..33], MayBeTaken: true),
            new("png signature only", "photo.png", "image/png", png[..8]),
            new("png zero width", "photo.png", "image/png", Png(0, 4)),
            new("png width beyond int", "photo.png", "image/png", PngSized(png, 0x80000000u, 1)),
            new("jpeg soi only", "photo.jpg", "image/jpeg", [0xFF, 0xD8]),
            new("jpeg zero height", "photo.jpg", "image/jpeg", JpegHeader(3, 0)),
            new("jpeg segment longer than the file", "photo.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xF0, 0x4A, 0x46]),
            new("jpeg a megabyte of fill bytes", "photo.jpg", "image/jpeg", Cat([0xFF, 0xD8], Enumerable.Repeat((byte)0xFF, 1 << 20).ToArray())),
            new("webp cut short", "photo.webp", "image/webp", Vp8(7, 3)[..24]),
            new("webp bad sync code", "photo.webp", "image/webp", Vp8(7, 3, goodSync: false)),
            new("riff wave not webp", "photo.webp", "image/webp", Cat(Ascii("RIFF"), [36, 0, 0, 0], Ascii("WAVEfmt "), new byte[40])),
            // Pixel floods and decompression bombs.
            new("png pixel flood", "flood.png", "image/png", PngSized(png, 100_000, 100_000)),
            new("jpeg pixel flood", "flood.jpg", "image/jpeg", JpegHeader(65_535, 65_535)),
            new("webp vp8 pixel flood", "flood.webp", "image/webp", Vp8(16_383, 16_383)),
            new("webp vp8x pixel flood", "flood.webp", "image/webp", Vp8X(1 << 24, 1 << 24)),
            // Within the pixel limit, 16 MB of pixels in a few kilobytes: the server never decodes, so it costs nothing here.
            new("png decompression bomb within the limit", "bomb.png", "image/png", Png(4000, 4000), MayBeTaken: true),
            new("zip bomb", "photo.zip", "application/zip", Zip("zeros.bin", 1 << 20, 2)),
            new("zip bomb named jpg", "photo.jpg", "image/jpeg", Zip("zeros.bin", 1 << 20, 1)),
            new("gzip bomb", "photo.gz", "application/gzip", Gzip(8 << 20)),
            // Other formats under an image's name or type.
            new("heic", "photo.heic", "image/heic", IsoMedia("heic")),
            new("avif", "photo.avif", "image/avif", IsoMedia("avif")),
            new("bmp", "photo.bmp", "image/bmp", Cat(Ascii("BM"), new byte[52])),
            new("tiff", "photo.tiff", "image/tiff", Cat([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], new byte[16])),
            new("ico", "favicon.ico", "image/x-icon", Cat([0, 0, 1, 0, 1, 0, 16, 16], new byte[30])),
            new("pdf with javascript", "photo.pdf", "application/pdf", Ascii("%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF")),
            new("windows exe", "photo.jpg", "image/jpeg", Cat(Ascii("MZ"), new byte[58], [0x80, 0, 0, 0], new byte[64], Ascii("PE\0\0"))),
            new("elf", "photo.png", "image/png", Cat([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1], new byte[57])),
            new("empty", "photo.jpg", "image/jpeg", []),
            new("one byte", "photo.jpg", "image/jpeg", [0xFF]),
            new("nul bytes", "photo.png", "image/png", new byte[4096]),
            // Size: one byte over the limit, and well over the request limit.
            new("one byte over the limit", "big.png", "image/png", Padded(png, 10 * 1024 * 1024 + 1)),
            new("far over the request limit", "huge.png", "image/png", Padded(png, 11 * 1024 * 1024)),
            // A valid image claiming to be a page: the server goes by the bytes.
            new("png claimed as html", "photo.html", "text/html", png, MayBeTaken: true),
            new("real jpeg header claimed as svg", "photo.svg", "image/svg+xml", jpeg, MayBeTaken: true),
        };
        files.AddRange(PathTricks(png));
        return files;
    }

    private static byte[] GzipOf(byte[] bytes)
    {
        using var stream = new MemoryStream();
        using (var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(bytes);
        }
        return stream.ToArray();
    }

    private static byte[] PngSized(byte[] png, uint width, uint height)
    {
        var copy = png.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(20), height);
        return copy;
    }

    private static byte[] Padded(byte[] start, int length)
    {
        var bytes = new byte[length];
        start.CopyTo(bytes, 0);
        return bytes;
    }
}
