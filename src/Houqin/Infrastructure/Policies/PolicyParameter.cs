namespace Houqin.Infrastructure.Policies;

/// <summary>
/// One parameter the code knows: its dotted lower-camel key, unit, bounds and the value it has when no procedure
/// in force carries it (a fresh installation, or a parameter added by a newer release). Labels are resource keys
/// of <see cref="PolicyText"/> with arguments, so the same parameter reads in Chinese and English.
/// </summary>
public sealed record PolicyParameter(string Key, PolicyUnit Unit, string Default, string LabelKey, params string[] LabelArgs)
{
    public long Min { get; init; }

    public long Max { get; init; } = long.MaxValue;

    /// <summary>For <see cref="PolicyUnit.Codes"/>: the codes a value may contain.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];
}

/// <summary>Marker for the parameters' labels: Resources/Infrastructure.Policies.PolicyText(.en-US).resx.</summary>
public sealed class PolicyText;
