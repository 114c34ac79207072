namespace Houqin.Features.Shared;

/// <summary>Marker for the shell's strings (layout, navigation, home pages): Resources/Features.Shared.ShellText(.en-US).resx.</summary>
public sealed class ShellText;
