namespace Houqin.Features.Admin.Calendar;

/// <summary>Marker for the calendar administration pages' strings (Resources/Features.Admin.Calendar.CalendarText*.resx).</summary>
public sealed class CalendarText;
