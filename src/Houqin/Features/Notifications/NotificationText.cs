namespace Houqin.Features.Notifications;

/// <summary>Marker for notice texts and the notifications page (Resources/Features.Notifications.NotificationText*.resx).</summary>
public sealed class NotificationText;
