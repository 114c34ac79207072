using System.Text.Json;
using System.Xml;
using Houqin.Infrastructure.Api;
using Houqin.Infrastructure.Calendar;
using Houqin.Infrastructure.Deadlines;

namespace Houqin.Infrastructure.Clock;

/// <summary>
/// The manual clock's controls for end-to-end tests: <c>GET /api/v1/test-clock</c> and
/// <c>POST /api/v1/test-clock/advance</c> with <c>{"by":"PT2H"}</c>, which moves the clock and fires what
/// became due before answering. Anonymous on purpose, and 404 unless <c>Houqin:Clock:Mode=Manual</c>
/// (which Production refuses), so they exist only where the clock is fake.
/// </summary>
public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapClock(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/test-clock").WithTags("Test clock").AllowAnonymous();
        group.MapGet(
            "",
            (IServiceProvider services) => services.GetService<ManualClock>() is { } clock ? Results.Ok(View(clock)) : NoClock()
        );
        group.MapPost("/advance", AdvanceAsync);
        return app;
    }

    private static async Task<IResult> AdvanceAsync(HttpRequest request, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<ManualClock>() is not { } clock)
        {
            return NoClock();
        }
        string? text;
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            text = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("by", out var b) && b.ValueKind == JsonValueKind.String
                ? b.GetString()
                : null;
        }
        catch (JsonException e)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "malformed_json", "Malformed JSON", e.Message);
        }
        TimeSpan by;
        try
        {
            by = XmlConvert.ToTimeSpan(text ?? "");
        }
        catch (FormatException)
        {
            return ApiProblem.Create(
                StatusCodes.Status422UnprocessableEntity,
                "invalid_duration",
                "Invalid duration",
                "by must be an ISO 8601 duration such as PT2H or P1DT30M."
            );
        }
        if (by < TimeSpan.Zero)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "negative_duration", "The clock only moves forward");
        }
        clock.Advance(by);
        var sweep = await services.GetRequiredService<DeadlineSweeper>().SweepAsync(clock.GetUtcNow().UtcDateTime, ct);
        return Results.Ok(
            new
            {
                now = View(clock).Now,
                fired = sweep.Fired,
                failed = sweep.Failed,
            }
        );
    }

    private static ClockView View(ManualClock clock) => new(WorkingCalendar.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));

    private sealed record ClockView(string Now);

    private static IResult NoClock() => ApiProblem.Create(StatusCodes.Status404NotFound, "not_found", "Not found");
}
