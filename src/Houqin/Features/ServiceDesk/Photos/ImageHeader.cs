using System.Buffers.Binary;

namespace Houqin.Features.ServiceDesk.Photos;

/// <summary>
/// What an upload is, read from its bytes alone (never its name or declared type): a JPEG, PNG or WebP
/// image and its size in pixels from the header, or nothing. Enough to refuse anything else and pixel floods
/// before any decoder sees the file; browsers decode it when it is shown.
/// </summary>
public sealed record ImageHeader(string ContentType, int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    public string Extension =>
        ContentType switch
        {
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            _ => ".webp",
        };

    public static ImageHeader? Read(ReadOnlySpan<byte> b)
    {
        var header = b switch
        {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png(b),
            [0xFF, 0xD8, 0xFF, ..] => Jpeg(b),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebP(b),
            _ => null,
        };
        return header is { Width: > 0, Height: > 0 } ? header : null;
    }

    /// <summary>The first chunk must be IHDR: width and height as big-endian 32-bit numbers.</summary>
    private static ImageHeader? Png(ReadOnlySpan<byte> b)
    {
        if (b.Length < 24 || !b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }
        var w = BinaryPrimitives.ReadUInt32BigEndian(b.Slice(16, 4));
        var h = BinaryPrimitives.ReadUInt32BigEndian(b.Slice(20, 4));
        return w > int.MaxValue || h > int.MaxValue ? null : new("image/png", (int)w, (int)h);
    }

    /// <summary>Walks the markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC), which holds the size.</summary>
    private static ImageHeader? Jpeg(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 1 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }
            var marker = b[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }
            i += 2;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // no length
            }
            if (marker is 0xD9 or 0xDA || i + 2 > b.Length)
            {
                return null; // end of image or scan data before any frame header
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i, 2));
            if (length < 2 || i + length > b.Length)
            {
                return null;
            }
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 7)
                {
                    return null;
                }
                var h = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 3, 2));
                var w = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 5, 2));
                return new("image/jpeg", w, h);
            }
            i += length;
        }
        return null;
    }

    /// <summary>The first chunk: VP8 (lossy key frame), VP8L (lossless) or VP8X (extended, canvas size).</summary>
    private static ImageHeader? WebP(ReadOnlySpan<byte> b)
    {
        if (b.Length < 30)
        {
            return null;
        }
        var chunk = b.Slice(12, 4);
        var data = b[20..];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A)
            {
                return null;
            }
            return new("image/webp", BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(6, 2)) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(8, 2)) & 0x3FFF);
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[0] != 0x2F)
            {
                return null;
            }
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(1, 4));
            return new("image/webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
        {
            static int U24(ReadOnlySpan<byte> s) => s[0] | (s[1] << 8) | (s[2] << 16);
            return new("image/webp", U24(data.Slice(4, 3)) + 1, U24(data.Slice(7, 3)) + 1);
        }
        return null;
    }
}
