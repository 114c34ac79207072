namespace Houqin.Features.Procedures;

/// <summary>Marker for the procedures pages' strings: Resources/Features.Procedures.ProcedureText(.en-US).resx.</summary>
public sealed class ProcedureText;
