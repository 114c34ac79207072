namespace Houqin.Features.Assessment;

/// <summary>
/// One number on a scorecard: its <paramref name="Value"/> (null when nothing was there to measure), how many facts it
/// was made from, and — on one person's card — the requests behind it, so any number drills down to its rows.
/// </summary>
public sealed record Figure(string Key, decimal? Value, int Count, IReadOnlyList<Guid>? RequestIds = null);

/// <summary>A person's or a team's month: the figures, and what they come to.</summary>
public sealed record Outcome(IReadOnlyList<Figure> Figures, decimal? Score, Grade? Grade, decimal Reward);

/// <summary>
/// The scorecard's figures (the keys the API promises) and how a team's are gathered from its members': counts add
/// up, rates and means are weighed by what they were made from, the score and the leader's rating are averaged.
/// </summary>
public static class Figures
{
    public const string Score = "score";
    public const string LeaderRating = "leaderRating";

    private enum Gather
    {
        Sum,
        WeightedMean,
        Mean,
    }

    private static readonly Dictionary<string, Gather> Keys = new(StringComparer.Ordinal)
    {
        ["commitments.acknowledge.keptRate"] = Gather.WeightedMean,
        ["commitments.arrive.keptRate"] = Gather.WeightedMean,
        ["commitments.resolve.keptRate"] = Gather.WeightedMean,
        ["ratings.count"] = Gather.Sum,
        ["ratings.timeliness.mean"] = Gather.WeightedMean,
        ["ratings.quality.mean"] = Gather.WeightedMean,
        ["ratings.attitude.mean"] = Gather.WeightedMean,
        ["ratings.satisfaction.mean"] = Gather.WeightedMean,
        ["completions.rejected"] = Gather.Sum,
        ["bounces"] = Gather.Sum,
        ["complaints.upheld"] = Gather.Sum,
        ["checklists.done"] = Gather.Sum,
        ["checklists.missed"] = Gather.Sum,
        ["checklists.doneRate"] = Gather.WeightedMean,
        ["worklog.daysClosed"] = Gather.Sum,
        ["worklog.workingDays"] = Gather.Sum,
        ["selfEvaluation.gap"] = Gather.WeightedMean,
        ["cases.penaltyPoints"] = Gather.Sum,
        [LeaderRating] = Gather.Mean,
        [Score] = Gather.Mean,
    };

    /// <summary>Every key, in the order a card shows them.</summary>
    public static IReadOnlyCollection<string> All => Keys.Keys;

    public static readonly string[] Dimensions = ["timeliness", "quality", "attitude", "satisfaction"];

    public static Outcome Of(PersonFacts f, int? leaderRating, ScoreRules rules, bool withIds)
    {
        IReadOnlyList<Guid>? Ids(Tally t) => withIds ? t.RequestIds : null;
        Figure Rate(string key, Tally t) => new(key, t.Count == 0 ? null : Round((decimal)t.Kept / t.Count, 4), t.Count, Ids(t));
        Figure Count(string key, Tally t) => new(key, t.Count, t.Count, Ids(t));

        var figures = new List<Figure>
        {
            Rate("commitments.acknowledge.keptRate", f.Acknowledge),
            Rate("commitments.arrive.keptRate", f.Arrive),
            Rate("commitments.resolve.keptRate", f.Resolve),
            Count("ratings.count", f.Ratings),
        };
        for (var i = 0; i < Dimensions.Length; i++)
        {
            figures.Add(new($"ratings.{Dimensions[i]}.mean", f.Ratings.Count == 0 ? null : Round((decimal)f.RatingSums[i] / f.Ratings.Count, 2), f.Ratings.Count, Ids(f.Ratings)));
        }
        var ticked = f.ChecklistsDone + f.ChecklistsMissed;
        figures.AddRange(
            [
                Count("completions.rejected", f.RejectedCompletions),
                Count("bounces", f.Bounces),
                Count("complaints.upheld", f.UpheldComplaints),
                new("checklists.done", f.ChecklistsDone, f.ChecklistsDone),
                new("checklists.missed", f.ChecklistsMissed, f.ChecklistsMissed),
                new("checklists.doneRate", ticked == 0 ? null : Round((decimal)f.ChecklistsDone / ticked, 4), ticked),
                new("worklog.daysClosed", f.DaysClosed, f.DaysClosed),
                new("worklog.workingDays", f.WorkingDays, f.WorkingDays),
                new(
                    "selfEvaluation.gap",
                    f.SelfEvaluations.Count == 0 ? null : Round((decimal)(f.SelfGapSum / f.SelfEvaluations.Count), 2),
                    f.SelfEvaluations.Count,
                    Ids(f.SelfEvaluations)
                ),
                new("cases.penaltyPoints", f.PenaltyPoints, f.CaseIds.Count),
                new(LeaderRating, leaderRating, leaderRating is null ? 0 : 1),
            ]
        );

        var commitments = new[] { f.Acknowledge, f.Arrive, f.Resolve };
        var decided = commitments.Sum(t => t.Count);
        var ratingMean = f.Ratings.Count == 0 ? (double?)null : f.RatingSums.Sum() / (4.0 * f.Ratings.Count);
        var score = rules.Score(
            [
                new(rules.CommitmentsWeight, decided == 0 ? null : commitments.Sum(t => t.Kept) / (double)decided),
                new(rules.RatingsWeight, ratingMean / 5),
                new(rules.ChecklistsWeight, ticked == 0 ? null : f.ChecklistsDone / (double)ticked),
                new(rules.WorkLogWeight, f.WorkingDays == 0 ? null : Math.Min(1, f.DaysClosed / (double)f.WorkingDays)),
                new(rules.LeaderRatingWeight, leaderRating / 5.0),
            ],
            new(f.RejectedCompletions.Count, f.Bounces.Count, f.UpheldComplaints.Count, f.PenaltyPoints)
        );
        var grade = rules.GradeOf(score, f.UnfitSanction);
        figures.Add(new(Score, score, decided + f.Ratings.Count + ticked + f.DaysClosed));
        return new Outcome(figures, score, grade, rules.RewardOf(grade));
    }

    /// <summary>A team's (or the office's) figures from its members' cards.</summary>
    public static IReadOnlyList<Figure> Gathered(IEnumerable<IReadOnlyList<Figure>> members)
    {
        var byKey = members.SelectMany(m => m).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return All.Where(byKey.ContainsKey)
            .Select(key =>
            {
                var xs = byKey[key];
                var valued = xs.Where(x => x.Value is not null).ToList();
                var count = xs.Sum(x => x.Count);
                decimal? value = Keys[key] switch
                {
                    Gather.Sum => xs.Sum(x => x.Value ?? 0),
                    Gather.WeightedMean => valued.Sum(x => x.Count) is var n && n > 0 ? Round(valued.Sum(x => x.Value!.Value * x.Count) / n, 4) : null,
                    _ => valued.Count > 0 ? Round(valued.Average(x => x.Value!.Value), 1) : null,
                };
                return new Figure(key, value, Keys[key] == Gather.Mean ? valued.Count : count);
            })
            .ToList();
    }

    private static decimal Round(decimal d, int places) => Math.Round(d, places, MidpointRounding.AwayFromZero);
}
