namespace Houqin.Features.Assessment;

/// <summary>Marker for the scorecard pages' words: Resources/Features.Assessment.ScorecardText(.en-US).resx.</summary>
public sealed class ScorecardText;
