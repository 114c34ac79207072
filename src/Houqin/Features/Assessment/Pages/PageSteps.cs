using Houqin.Features.ServiceDesk.Photos;
using Houqin.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Houqin.Features.Assessment.Pages;

/// <summary>A page's step: null when it succeeded, else the status to answer with (403, 409, 422), having said why.</summary>
internal static class PageSteps
{
    /// <param name="refused">Told the field (null for a rule) and the message in the user's language.</param>
    public static async Task<int?> RunAsync(Func<Task> step, IStringLocalizer text, Action<string?, string> refused)
    {
        try
        {
            await step();
            return null;
        }
        catch (AssessmentRuleException e)
        {
            refused(null, text.Or("Refused_" + e.Code, text["Refused"]));
            return e.Code == AssessmentRuleException.NotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        }
        catch (AssessmentFieldException e)
        {
            // The photo's message names the photo limits (PhotoLimits); the other fields' take no arguments.
            refused(e.Field, text.Or("Error_" + e.Field, text["Refused"], PhotoLimits.Arguments));
            return StatusCodes.Status422UnprocessableEntity;
        }
    }

    /// <summary>The page property a field of the API's error names.</summary>
    public static string Property(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
