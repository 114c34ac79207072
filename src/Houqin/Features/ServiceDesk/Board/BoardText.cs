namespace Houqin.Features.ServiceDesk.Board;

/// <summary>Marker for the leaders' board strings: Resources/Features.ServiceDesk.Board.BoardText(.en-US).resx.</summary>
public sealed class BoardText;
