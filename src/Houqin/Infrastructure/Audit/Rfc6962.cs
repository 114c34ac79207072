using System.Numerics;
using System.Security.Cryptography;

namespace Houqin.Infrastructure.Audit;

/// <summary>A perfect subtree: <c>2^Level</c> leaves starting at leaf <c>Index * 2^Level</c>.</summary>
public readonly record struct TreeNode(int Level, long Index)
{
    public long Start => Index << Level;
}

/// <summary>
/// The Merkle tree of RFC 6962 §2.1 (SHA-256, leaf = H(0x00‖input), node = H(0x01‖left‖right)) for any
/// number of leaves, with audit paths (PATH), consistency proofs (PROOF) and their verifiers (RFC 9162
/// §2.1.3.2 and §2.1.4.2). Every hash it needs is the hash of a perfect subtree, asked of a
/// <see cref="Func{TreeNode, T}"/>, so the same code runs over an in-memory tree and over stored nodes.
/// </summary>
public static class Rfc6962
{
    public const int HashSize = 32;

    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] LeafHash(ReadOnlySpan<byte> leafInput)
    {
        var buffer = new byte[leafInput.Length + 1];
        leafInput.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + left.Length + right.Length];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + left.Length)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 6962 splits.</summary>
    public static long Split(long n) => (long)(BitOperations.RoundUpToPowerOf2((ulong)n) >> 1);

    /// <summary>
    /// The perfect subtrees that make up the range, largest first. Valid for the ranges RFC 6962's recursion
    /// produces (the start is aligned to the largest piece); their hash is the right fold of the pieces.
    /// </summary>
    public static List<TreeNode> Pieces(long start, long end)
    {
        var pieces = new List<TreeNode>();
        var at = start;
        while (at < end)
        {
            var level = BitOperations.Log2((ulong)(end - at));
            pieces.Add(new TreeNode(level, at >> level));
            at += 1L << level;
        }
        return pieces;
    }

    /// <summary>MTH(D[start:end]).</summary>
    public static byte[] SubtreeHash(long start, long end, Func<TreeNode, byte[]> node)
    {
        if (end <= start)
        {
            return EmptyRoot();
        }
        var pieces = Pieces(start, end);
        var hash = node(pieces[^1]);
        for (var i = pieces.Count - 2; i >= 0; i--)
        {
            hash = NodeHash(node(pieces[i]), hash);
        }
        return hash;
    }

    /// <summary>The ranges whose hashes form PATH(index, D[0:size]), in proof order (nearest the leaf first).</summary>
    public static List<(long Start, long End)> InclusionRanges(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of size {size}.");
        }
        var ranges = new List<(long, long)>();
        Path(index, 0, size, ranges);
        return ranges;
    }

    private static void Path(long m, long start, long end, List<(long, long)> ranges)
    {
        var n = end - start;
        if (n <= 1)
        {
            return;
        }
        var k = Split(n);
        if (m < k)
        {
            Path(m, start, start + k, ranges);
            ranges.Add((start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, ranges);
            ranges.Add((start, start + k));
        }
    }

    /// <summary>The ranges whose hashes form PROOF(first, D[0:second]) for 0 &lt; first ≤ second.</summary>
    public static List<(long Start, long End)> ConsistencyRanges(long first, long second)
    {
        if (first < 1 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"No consistency proof from {first} to {second}.");
        }
        var ranges = new List<(long, long)>();
        SubProof(first, 0, second, true, ranges);
        return ranges;
    }

    private static void SubProof(long m, long start, long end, bool whole, List<(long, long)> ranges)
    {
        var n = end - start;
        if (m == n)
        {
            if (!whole)
            {
                ranges.Add((start, end));
            }
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, whole, ranges);
            ranges.Add((start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, ranges);
            ranges.Add((start, start + k));
        }
    }

    /// <summary>Every perfect subtree the ranges need, without repeats.</summary>
    public static HashSet<TreeNode> NodesFor(IEnumerable<(long Start, long End)> ranges) =>
        ranges.SelectMany(r => Pieces(r.Start, r.End)).ToHashSet();

    public static List<byte[]> Hashes(IEnumerable<(long Start, long End)> ranges, Func<TreeNode, byte[]> node) =>
        ranges.Select(r => SubtreeHash(r.Start, r.End, node)).ToList();

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="proof"/> place the leaf at the index of a tree with this root?</summary>
    public static bool VerifyInclusion(
        long leafIndex,
        long treeSize,
        ReadOnlySpan<byte> leafHash,
        IReadOnlyList<byte[]> proof,
        ReadOnlySpan<byte> root
    )
    {
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != HashSize || root.Length != HashSize)
        {
            return false;
        }
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != HashSize)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>RFC 9162 §2.1.4.2: is the tree of size <paramref name="first"/> a prefix of the one of size <paramref name="second"/>?</summary>
    public static bool VerifyConsistency(
        long first,
        long second,
        ReadOnlySpan<byte> firstRoot,
        ReadOnlySpan<byte> secondRoot,
        IReadOnlyList<byte[]> proof
    )
    {
        if (first < 0 || first > second)
        {
            return false;
        }
        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }
        if (first == 0)
        {
            // The empty tree is a prefix of every tree; there is nothing to prove.
            return proof.Count == 0;
        }
        if (proof.Count == 0 || firstRoot.Length != HashSize || secondRoot.Length != HashSize)
        {
            return false;
        }
        var path = new List<byte[]>(proof.Count + 1);
        if (BitOperations.IsPow2(first))
        {
            path.Add(firstRoot.ToArray());
        }
        path.AddRange(proof);
        if (path.Any(p => p.Length != HashSize))
        {
            return false;
        }
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0
            && CryptographicOperations.FixedTimeEquals(fr, firstRoot)
            && CryptographicOperations.FixedTimeEquals(sr, secondRoot);
    }
}

/// <summary>
/// A whole tree held in memory, level by level (flat arrays of 32-byte hashes): for the verifier, which
/// recomputes everything, and for tests.
/// </summary>
public sealed class MerkleLevels
{
    private readonly List<byte[]> levels = [];

    public MerkleLevels(byte[] leafHashes)
    {
        levels.Add(leafHashes);
        var below = leafHashes;
        while (below.Length / Rfc6962.HashSize >= 2)
        {
            var count = below.Length / Rfc6962.HashSize / 2;
            var level = new byte[count * Rfc6962.HashSize];
            for (var i = 0; i < count; i++)
            {
                var left = below.AsSpan(2 * i * Rfc6962.HashSize, Rfc6962.HashSize);
                var right = below.AsSpan((2 * i + 1) * Rfc6962.HashSize, Rfc6962.HashSize);
                Rfc6962.NodeHash(left, right).CopyTo(level, i * Rfc6962.HashSize);
            }
            levels.Add(level);
            below = level;
        }
    }

    public static MerkleLevels FromLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        var flat = new byte[leafHashes.Count * Rfc6962.HashSize];
        for (var i = 0; i < leafHashes.Count; i++)
        {
            leafHashes[i].CopyTo(flat, i * Rfc6962.HashSize);
        }
        return new MerkleLevels(flat);
    }

    public long Size => levels[0].Length / Rfc6962.HashSize;

    /// <summary>How many perfect subtrees of this height the tree holds.</summary>
    public long CountAt(int level) => level < levels.Count ? levels[level].Length / Rfc6962.HashSize : 0;

    public ReadOnlySpan<byte> Span(TreeNode node) =>
        levels[node.Level].AsSpan((int)(node.Index * Rfc6962.HashSize), Rfc6962.HashSize);

    public byte[] Node(TreeNode node) => Span(node).ToArray();

    public byte[] Root(long size) => Rfc6962.SubtreeHash(0, size, Node);

    public List<byte[]> InclusionProof(long index, long size) => Rfc6962.Hashes(Rfc6962.InclusionRanges(index, size), Node);

    public List<byte[]> ConsistencyProof(long first, long second) =>
        Rfc6962.Hashes(Rfc6962.ConsistencyRanges(first, second), Node);
}
