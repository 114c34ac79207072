namespace Houqin.Features.ServiceDesk.Feedback;

/// <summary>
/// The four things service is judged on (服务承诺制): timeliness, quality, attitude, satisfaction, each 1–5.
/// The requester's rating and the handler's self-evaluation use the same four.
/// </summary>
public readonly record struct Scores(int Timeliness, int Quality, int Attitude, int Satisfaction)
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public const int CommentMaxLength = 1000;

    /// <summary>The lowest of the four: one poor dimension is enough to call the requester back.</summary>
    public int Worst => Math.Min(Math.Min(Timeliness, Quality), Math.Min(Attitude, Satisfaction));

    /// <summary>Each dimension must be given, as a whole number from 1 to 5; the API names the first that is not.</summary>
    public static Scores From(int? timeliness, int? quality, int? attitude, int? satisfaction) =>
        new(Require(timeliness, "timeliness"), Require(quality, "quality"), Require(attitude, "attitude"), Require(satisfaction, "satisfaction"));

    /// <summary>An optional comment: blank is none; at most <see cref="CommentMaxLength"/> characters.</summary>
    public static string? Comment(string? value)
    {
        var v = (value ?? "").Trim();
        if (v.Length > CommentMaxLength)
        {
            throw new InvalidFieldException("comment", $"comment is at most {CommentMaxLength} characters.");
        }
        return v.Length == 0 ? null : v;
    }

    private static int Require(int? value, string field) =>
        value is { } v and >= Lowest and <= Highest
            ? v
            : throw new InvalidFieldException(field, $"{field} is a whole number from {Lowest} to {Highest}.");
}
