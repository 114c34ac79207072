namespace Houqin.Infrastructure.Policies;

/// <summary>
/// The unit of a policy parameter, which fixes how its JSON value is written and read (docs/decisions/0009).
/// </summary>
public enum PolicyUnit
{
    /// <summary>Money in yuan as a JSON number with at most two decimals (<c>1000</c>, <c>1234.5</c>).</summary>
    Yuan,

    /// <summary>
    /// A duration in office hours as ISO 8601 (<c>PT30M</c>, <c>PT2H</c>, <c>P3D</c>); a day counts as
    /// <see cref="PolicyDuration.WorkingDayMinutes"/> office minutes.
    /// </summary>
    WorkingTime,

    /// <summary>A round-the-clock duration as ISO 8601 (<c>PT20M</c>, <c>P7D</c>).</summary>
    WallTime,

    /// <summary>Whole working days as ISO 8601 (<c>P5D</c>): the end of the n-th working day after.</summary>
    WorkingDays,

    /// <summary>A whole number within the parameter's bounds.</summary>
    Count,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Flag,

    /// <summary>A JSON array of codes, each from the parameter's allowed list.</summary>
    Codes,
}
