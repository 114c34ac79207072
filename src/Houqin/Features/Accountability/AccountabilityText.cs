namespace Houqin.Features.Accountability;

/// <summary>Marker for the accountability pages' words (Resources/Features.Accountability.AccountabilityText*.resx).</summary>
public sealed class AccountabilityText;
