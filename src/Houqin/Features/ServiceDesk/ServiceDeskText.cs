namespace Houqin.Features.ServiceDesk;

/// <summary>Marker for the service desk pages' strings: Resources/Features.ServiceDesk.ServiceDeskText(.en-US).resx.</summary>
public sealed class ServiceDeskText;
