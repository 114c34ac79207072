using Houqin.Infrastructure.Audit;

namespace Houqin.Tests.Audit;

/// <summary>Every way of getting a proof wrong that a verifier must notice (after the CT verifier's own probes).</summary>
internal static class ProofMutations
{
    public sealed record InclusionProbe(string Name, long Index, long Size, IReadOnlyList<byte[]> Proof, byte[] Root)
    {
        public bool Verify(byte[] leafHash) => Rfc6962.VerifyInclusion(Index, Size, leafHash, Proof, Root);
    }

    public sealed record ConsistencyProbe(string Name, long First, long Second, byte[] Root1, byte[] Root2, IReadOnlyList<byte[]> Proof)
    {
        public bool Verify() => Rfc6962.VerifyConsistency(First, Second, Root1, Root2, Proof);
    }

    private static readonly byte[] SomeHash = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");

    public static IEnumerable<InclusionProbe> Inclusion(long index, long size, List<byte[]> proof, byte[] root)
    {
        yield return new("index - 1", index - 1, size, proof, root);
        yield return new("index + 1", index + 1, size, proof, root);
        yield return new("index ^ 2", index ^ 2, size, proof, root);
        yield return new("size * 2", index, size * 2, proof, root);
        yield return new("size / 2", index, size / 2, proof, root);
        yield return new("empty root", index, size, proof, Rfc6962.EmptyRoot());
        yield return new("random root", index, size, proof, SomeHash);
        yield return new("trailing empty", index, size, [.. proof, []], root);
        yield return new("trailing root", index, size, [.. proof, root], root);
        yield return new("preceding empty", index, size, [[], .. proof], root);
        yield return new("preceding root", index, size, [root, .. proof], root);
        for (var i = 0; i < proof.Count; i++)
        {
            foreach (var at in new[] { 0, 31 })
            {
                yield return new($"proof[{i}] byte {at} flipped", index, size, Flip(proof, i, at, 0x08), root);
            }
        }
        if (proof.Count > 0)
        {
            yield return new("last node dropped", index, size, proof[..^1], root);
            yield return new("first node dropped", index, size, proof[1..], root);
        }
        if (proof.Count > 1)
        {
            yield return new("node inserted", index, size, [proof[0], SomeHash, .. proof[1..]], root);
            yield return new("nodes swapped", index, size, [proof[1], proof[0], .. proof[2..]], root);
        }
    }

    public static IEnumerable<ConsistencyProbe> Consistency(long first, long second, byte[] root1, byte[] root2, List<byte[]> proof)
    {
        yield return new("first - 1", first - 1, second, root1, root2, proof);
        yield return new("first + 1", first + 1, second, root1, root2, proof);
        yield return new("first ^ 2", first ^ 2, second, root1, root2, proof);
        yield return new("second * 2", first, second * 2, root1, root2, proof);
        yield return new("second / 2", first, second / 2, root1, root2, proof);
        yield return new("wrong root1", first, second, SomeHash, root2, proof);
        yield return new("wrong root2", first, second, root1, SomeHash, proof);
        yield return new("swapped roots", first, second, root2, root1, proof);
        yield return new("empty proof", first, second, root1, root2, []);
        yield return new("trailing empty", first, second, root1, root2, [.. proof, []]);
        yield return new("trailing root1", first, second, root1, root2, [.. proof, root1]);
        yield return new("trailing root2", first, second, root1, root2, [.. proof, root2]);
        yield return new("preceding empty", first, second, root1, root2, [[], .. proof]);
        yield return new("preceding root1", first, second, root1, root2, [root1, .. proof]);
        yield return new("preceding root2", first, second, root1, root2, [root2, .. proof]);
        yield return new("preceding proof[0]", first, second, root1, root2, [proof[0], .. proof]);
        yield return new("last node dropped", first, second, root1, root2, proof[..^1]);
        for (var i = 0; i < proof.Count; i++)
        {
            foreach (var at in new[] { 0, 31 })
            {
                yield return new($"proof[{i}] byte {at} flipped", first, second, root1, root2, Flip(proof, i, at, 0x10));
            }
        }
    }

    public static List<byte[]> Flip(IReadOnlyList<byte[]> proof, int element, int at, byte mask)
    {
        var copy = proof.Select(p => (byte[])p.Clone()).ToList();
        copy[element][at] ^= mask;
        return copy;
    }
}
