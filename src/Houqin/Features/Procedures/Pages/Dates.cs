using Houqin.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Procedures.Pages;

/// <summary>The one date that matters for where a version stands, in a line.</summary>
public static class Dates
{
    public static string Line(IStringLocalizer text, VersionStatus status, DateTime? closesAt, DateTime? effectiveAt, DateTime? supersededAt, DateTime now) =>
        status switch
        {
            VersionStatus.InForce when effectiveAt is { } e => text["Line_InForce", Prose.Instant(e)].Value,
            VersionStatus.Approved when effectiveAt is { } e => text["Line_Approved", Prose.Instant(e)].Value,
            VersionStatus.Consultation when closesAt is { } c && c > now => text["Line_Closes", Prose.Instant(c)].Value,
            VersionStatus.Consultation when closesAt is { } c => text["Line_Closed", Prose.Instant(c)].Value,
            VersionStatus.Superseded when supersededAt is { } s => text["Line_Superseded", Prose.Instant(s)].Value,
            _ => "",
        };
}
