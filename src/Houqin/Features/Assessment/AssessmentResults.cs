using Houqin.Infrastructure.Api;

namespace Houqin.Features.Assessment;

/// <summary>The module's refusals as problem+json: a rule 409 (403 for not_allowed), a field 422, nothing half-applied.</summary>
internal static class AssessmentResults
{
    public static async Task<IResult> RunAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (AssessmentRuleException e)
        {
            return e.Code == AssessmentRuleException.NotAllowed
                ? ApiProblem.Create(StatusCodes.Status403Forbidden, e.Code, "Not allowed", e.Message)
                : ApiProblem.Conflict(e.Code, "Conflict", e.Message);
        }
        catch (AssessmentFieldException e)
        {
            return ApiProblem.Invalid(e.Field, e.Message);
        }
    }

    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    public static IResult BadDate() => ApiProblem.Invalid("date", "date is a date as yyyy-MM-dd.");
}
