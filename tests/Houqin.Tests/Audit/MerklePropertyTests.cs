using CsCheck;
using Houqin.Infrastructure.Audit;

namespace Houqin.Tests.Audit;

/// <summary>QUALITY.md: every proof for trees up to 64 leaves verifies, and every mutated proof is rejected.</summary>
public class MerklePropertyTests
{
    private const int MaxSize = 64;

    private static readonly MerkleLevels Tree = MerkleLevels.FromLeafHashes(
        [.. Enumerable.Range(0, MaxSize).Select(i => Rfc6962.LeafHash([(byte)i, (byte)(i * 7), 0x42]))]
    );

    private static byte[] Leaf(long i) => Tree.Node(new TreeNode(0, i));

    [Fact]
    public void Every_audit_path_in_every_tree_up_to_64_verifies_and_every_mutation_is_rejected()
    {
        var checkedProbes = 0;
        for (var size = 1; size <= MaxSize; size++)
        {
            var root = Tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var proof = Tree.InclusionProof(index, size);
                Assert.True(Rfc6962.VerifyInclusion(index, size, Leaf(index), proof, root), $"leaf {index} of {size}");
                Assert.False(Rfc6962.VerifyInclusion(index, size, Leaf((index + 1) % MaxSize), proof, root));
                foreach (var probe in ProofMutations.Inclusion(index, size, proof, root))
                {
                    Assert.False(probe.Verify(Leaf(index)), $"{probe.Name}: leaf {index} of {size}");
                    checkedProbes++;
                }
            }
        }
        Assert.True(checkedProbes > 30_000);
    }

    [Fact]
    public void Every_consistency_proof_between_trees_up_to_64_verifies_and_every_mutation_is_rejected()
    {
        for (var second = 1; second <= MaxSize; second++)
        {
            var root2 = Tree.Root(second);
            for (var first = 1; first <= second; first++)
            {
                var root1 = Tree.Root(first);
                var proof = Tree.ConsistencyProof(first, second);
                Assert.True(Rfc6962.VerifyConsistency(first, second, root1, root2, proof), $"{first} to {second}");
                if (first == second)
                {
                    Assert.Empty(proof);
                    continue;
                }
                foreach (var probe in ProofMutations.Consistency(first, second, root1, root2, proof))
                {
                    Assert.False(probe.Verify(), $"{probe.Name}: {first} to {second}");
                }
            }
        }
    }

    [Fact]
    public void Random_single_byte_changes_and_extra_nodes_are_rejected()
    {
        var gen =
            from second in Gen.Int[2, MaxSize]
            from first in Gen.Int[1, second - 1]
            from index in Gen.Int[0, second - 1]
            from element in Gen.Int[0, 63]
            from at in Gen.Int[0, Rfc6962.HashSize - 1]
            from bit in Gen.Int[0, 7]
            from extra in Gen.Byte.Array[Rfc6962.HashSize]
            from insertAt in Gen.Int[0, 63]
            select (first, second, index, element, at, mask: (byte)(1 << bit), extra, insertAt);
        gen.Sample(c =>
        {
            var root = Tree.Root(c.second);
            var path = Tree.InclusionProof(c.index, c.second);
            if (path.Count > 0)
            {
                var flipped = ProofMutations.Flip(path, c.element % path.Count, c.at, c.mask);
                Assert.False(Rfc6962.VerifyInclusion(c.index, c.second, Leaf(c.index), flipped, root));
            }
            var longer = path.ToList();
            longer.Insert(c.insertAt % (path.Count + 1), c.extra);
            Assert.False(Rfc6962.VerifyInclusion(c.index, c.second, Leaf(c.index), longer, root));

            var root1 = Tree.Root(c.first);
            var proof = Tree.ConsistencyProof(c.first, c.second);
            var changed = ProofMutations.Flip(proof, c.element % proof.Count, c.at, c.mask);
            Assert.False(Rfc6962.VerifyConsistency(c.first, c.second, root1, root, changed));
            var padded = proof.ToList();
            padded.Insert(c.insertAt % (proof.Count + 1), c.extra);
            Assert.False(Rfc6962.VerifyConsistency(c.first, c.second, root1, root, padded));
            var leafChanged = (byte[])root1.Clone();
            leafChanged[c.at] ^= c.mask;
            Assert.False(Rfc6962.VerifyConsistency(c.first, c.second, leafChanged, root, proof));
        }, iter: 5000);
    }
}
