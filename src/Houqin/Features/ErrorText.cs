namespace Houqin.Features;

/// <summary>Marker for the error pages' strings (Resources/Features.ErrorText*.resx).</summary>
public sealed class ErrorText;
