namespace Houqin.Features.Procedures;

public enum Change
{
    Same,
    Added,
    Removed,
    Changed,
}

public sealed record ClauseChange(int Number, Change Change, Clause? Before, Clause? After);

public sealed record ParameterChange(string Key, Change Change, string? Before, string? After);

/// <summary>
/// Two versions side by side, clause by clause (by number) and parameter by parameter (by key), for the pages
/// and the API alike. Values compare by their canonical text, so equal values always read as the same.
/// </summary>
public sealed record VersionDiff(int From, int To, IReadOnlyList<ClauseChange> Clauses, IReadOnlyList<ParameterChange> Parameters)
{
    public static VersionDiff Between(ProcedureVersion from, ProcedureVersion to)
    {
        var clauses = from.Clauses.Select(c => c.Number)
            .Union(to.Clauses.Select(c => c.Number))
            .Order()
            .Select(n =>
            {
                var b = from.Clauses.FirstOrDefault(c => c.Number == n);
                var a = to.Clauses.FirstOrDefault(c => c.Number == n);
                return new ClauseChange(n, Compare(b, a, (x, y) => x.Heading == y.Heading && x.Text == y.Text), b, a);
            })
            .ToList();
        var parameters = from.Parameters.Select(p => p.Key)
            .Union(to.Parameters.Select(p => p.Key))
            .Order(StringComparer.Ordinal)
            .Select(k =>
            {
                var b = from.ParameterValue(k);
                var a = to.ParameterValue(k);
                return new ParameterChange(k, Compare(b, a, string.Equals), b, a);
            })
            .ToList();
        return new VersionDiff(from.Number, to.Number, clauses, parameters);
    }

    private static Change Compare<T>(T? before, T? after, Func<T, T, bool> same)
        where T : class =>
        (before, after) switch
        {
            (null, not null) => Change.Added,
            (not null, null) => Change.Removed,
            (not null, not null) => same(before, after) ? Change.Same : Change.Changed,
            _ => Change.Same,
        };
}
