using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Houqin.Infrastructure.Audit;

/// <summary>
/// An event's place in the Merkle tree. Leaf order is the order the sealer integrated events, which is
/// sequence order except for an event whose transaction committed after a later one was sealed.
/// </summary>
public sealed class AuditLeaf(long leafIndex, long sequence, byte[] leafHash)
{
    public long LeafIndex { get; private set; } = leafIndex;

    public long Sequence { get; private set; } = sequence;

    public byte[] LeafHash { get; private set; } = leafHash;
}

/// <summary>
/// A perfect subtree above the leaves (level ≥ 1): <c>2^Level</c> leaves from leaf <c>Index·2^Level</c>.
/// Stored so sealing a batch and serving a proof read O(log n) rows, never the whole tree.
/// </summary>
public sealed class AuditNode(int level, long index, byte[] hash)
{
    public int Level { get; private set; } = level;

    public long Index { get; private set; } = index;

    public byte[] Hash { get; private set; } = hash;
}

/// <summary>A signed tree head: the root of the first <see cref="TreeSize"/> leaves, signed at <see cref="Timestamp"/>.</summary>
public sealed class AuditTreeHead(long treeSize, byte[] rootHash, DateTime timestamp, byte[] signature)
{
    public long TreeSize { get; private set; } = treeSize;

    public byte[] RootHash { get; private set; } = rootHash;

    public DateTime Timestamp { get; private set; } = timestamp;

    public byte[] Signature { get; private set; } = signature;
}

internal sealed class AuditLeafConfiguration : IEntityTypeConfiguration<AuditLeaf>
{
    public void Configure(EntityTypeBuilder<AuditLeaf> b)
    {
        b.ToTable("audit_leaves");
        b.HasKey(l => l.LeafIndex);
        b.Property(l => l.LeafIndex).ValueGeneratedNever();
        b.HasIndex(l => l.Sequence).IsUnique();
    }
}

internal sealed class AuditNodeConfiguration : IEntityTypeConfiguration<AuditNode>
{
    public void Configure(EntityTypeBuilder<AuditNode> b)
    {
        b.ToTable("audit_nodes");
        b.HasKey(n => new { n.Level, n.Index });
        b.Property(n => n.Index).ValueGeneratedNever();
    }
}

internal sealed class AuditTreeHeadConfiguration : IEntityTypeConfiguration<AuditTreeHead>
{
    public void Configure(EntityTypeBuilder<AuditTreeHead> b)
    {
        b.ToTable("audit_tree_heads");
        b.HasKey(h => h.TreeSize);
        b.Property(h => h.TreeSize).ValueGeneratedNever();
    }
}
