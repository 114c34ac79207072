using Houqin.Infrastructure.Audit;

namespace Houqin.Tests.Audit;

/// <summary>
/// The Certificate Transparency reference tree (RFC 6962): eight leaf inputs, the root after each, and the
/// published audit paths and consistency proofs. A tree no other implementation agrees with proves nothing.
/// </summary>
public class MerkleVectorTests
{
    private static readonly byte[][] Inputs =
    [
        .. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }.Select(
            Convert.FromHexString
        ),
    ];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public static TheoryData<long, long, string[]> InclusionVectors =>
        new()
        {
            {
                0,
                8,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ]
            },
            {
                5,
                8,
                [
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            },
            { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
            {
                1,
                5,
                [
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ]
            },
        };

    public static TheoryData<long, long, string[]> ConsistencyVectors =>
        new()
        {
            {
                1,
                8,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ]
            },
            {
                6,
                8,
                [
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            },
            {
                2,
                5,
                [
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ]
            },
        };

    private static MerkleLevels Tree() => MerkleLevels.FromLeafHashes([.. Inputs.Select(i => Rfc6962.LeafHash(i))]);

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void Roots_of_every_size_match_the_published_ones()
    {
        var tree = Tree();
        for (var size = 0; size <= Inputs.Length; size++)
        {
            Assert.Equal(Roots[size], Hex(tree.Root(size)));
        }
        Assert.Equal(Roots[0], Hex(Rfc6962.EmptyRoot()));
    }

    [Fact]
    public void Roots_grown_from_stored_subtrees_match_the_published_ones()
    {
        // The sealer's way: a frontier of perfect subtrees, never the whole tree.
        var tree = Tree();
        var known = new Dictionary<TreeNode, byte[]>();
        for (var size = 1; size <= Inputs.Length; size++)
        {
            foreach (var piece in Rfc6962.Pieces(0, size))
            {
                known[piece] = tree.Node(piece);
            }
            Assert.Equal(Roots[size], Hex(Rfc6962.SubtreeHash(0, size, n => known[n])));
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Audit_paths_are_the_published_ones_and_verify(long index, long size, string[] expected)
    {
        var tree = Tree();
        var proof = tree.InclusionProof(index, size);
        Assert.Equal(expected, proof.Select(Hex));
        var root = Convert.FromHexString(Roots[size]);
        Assert.True(Rfc6962.VerifyInclusion(index, size, Rfc6962.LeafHash(Inputs[index]), proof, root));
        Assert.All(ProofMutations.Inclusion(index, size, proof, root), p => Assert.False(p.Verify(Rfc6962.LeafHash(Inputs[index])), p.Name));
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_are_the_published_ones_and_verify(long first, long second, string[] expected)
    {
        var tree = Tree();
        var proof = tree.ConsistencyProof(first, second);
        Assert.Equal(expected, proof.Select(Hex));
        var r1 = Convert.FromHexString(Roots[first]);
        var r2 = Convert.FromHexString(Roots[second]);
        Assert.True(Rfc6962.VerifyConsistency(first, second, r1, r2, proof));
        Assert.All(ProofMutations.Consistency(first, second, r1, r2, proof), p => Assert.False(p.Verify(), p.Name));
    }

    [Fact]
    public void Trivial_consistency_needs_an_empty_proof_and_equal_roots()
    {
        var r = Convert.FromHexString(Roots[3]);
        var other = Convert.FromHexString(Roots[4]);
        Assert.True(Rfc6962.VerifyConsistency(3, 3, r, r, []));
        Assert.False(Rfc6962.VerifyConsistency(3, 3, r, other, []));
        Assert.False(Rfc6962.VerifyConsistency(3, 3, r, r, [r]));
        Assert.False(Rfc6962.VerifyConsistency(4, 3, r, other, []));
        Assert.False(Rfc6962.VerifyConsistency(1, 2, r, other, []));
    }

    [Fact]
    public void The_split_is_the_largest_power_of_two_below_the_size()
    {
        var expected = new Dictionary<long, long> { [2] = 1, [3] = 2, [4] = 2, [5] = 4, [8] = 4, [9] = 8, [1000] = 512, [1L << 40] = 1L << 39 };
        Assert.All(expected, kv => Assert.Equal(kv.Value, Rfc6962.Split(kv.Key)));
    }
}
