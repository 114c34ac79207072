using Houqin.Infrastructure.Policies;
using System.Security.Claims;
using Houqin.Data;
using Houqin.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Houqin.Features.ServiceDesk;

/// <summary>The service desk's JSON API (issue 3): categories, intake, a request with its timeline, the queues, the steps.</summary>
public static class ServiceDeskApi
{
    public sealed record TargetDto(int Minutes, string Clock);

    public sealed record CommitmentDto(string Urgency, TargetDto Acknowledge, TargetDto Arrive, TargetDto Resolve);

    public sealed record CategoryDto(string Code, string Name, string? ParentCode, string PostCode, IReadOnlyList<CommitmentDto> Commitments);

    public sealed record CallerBody(string? Name, string? Phone);

    public sealed record CreateBody(string? CategoryCode, string? RoomCode, string? Description, string? Urgency, string? Channel, CallerBody? Caller);

    public sealed record CompleteBody(string? Method, string? Result, List<string>? Materials);

    public sealed record HandOffBody(string? ToUserName, string? ToPostCode, string? Reason);

    public sealed record ReasonBody(string? Reason);

    public sealed record ExtensionBody(string? ResolveBy, string? Reason);

    public sealed record ReferBody(string? ReferredTo, string? Reason);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("ServiceDesk").WithProblemWords<ServiceDeskText>().RequireAuthorization(Permissions.SignedIn);
        api.MapGet("/service-categories", CategoriesAsync);
        api.MapPost("/service-requests", CreateAsync);
        api.MapGet("/service-requests", RequestQueues.ListAsync);
        var requests = api.MapGroup("/service-requests");
        requests.MapGet("/{id:guid}", GetAsync);
        MapSteps(requests);
    }

    /// <summary>The lifecycle's steps (ADR 0006); each answers the request with its timeline, or a problem.</summary>
    private static void MapSteps(RouteGroupBuilder requests)
    {
        void Step(string path, Func<RequestActions, Guid, CancellationToken, Task<StepOutcome>> run) =>
            requests.MapPost("/{id:guid}/" + path, async (Guid id, RequestActions a, RequestSteps s, CancellationToken ct) => await s.AnswerAsync(await run(a, id, ct), ct));
        // A generic body parameter carries no nullability the framework can read, so an empty or `null` body
        // arrives as null here: answered 422 rather than tripping over it.
        void StepWith<TBody>(string path, Func<RequestActions, Guid, TBody, CancellationToken, Task<StepOutcome>> run)
            where TBody : class =>
            requests.MapPost(
                "/{id:guid}/" + path,
                async (Guid id, TBody? body, RequestActions a, RequestSteps s, CancellationToken ct) =>
                    body is null ? ApiProblem.Invalid("body", "a JSON object is required") : await s.AnswerAsync(await run(a, id, body, ct), ct)
            );

        Step("acknowledge", (a, id, ct) => a.AcknowledgeAsync(id, ct));
        StepWith<HandOffBody>("handoff", (a, id, b, ct) => a.HandOffAsync(id, b.ToUserName, b.ToPostCode, b.Reason, ct));
        Step("accept-handoff", (a, id, ct) => a.AcceptHandOffAsync(id, ct));
        StepWith<ReasonBody>("decline-handoff", (a, id, b, ct) => a.DeclineHandOffAsync(id, b.Reason, ct));
        StepWith<ReasonBody>("escalate", (a, id, b, ct) => a.EscalateAsync(id, b.Reason, ct));
        Step("arrive", (a, id, ct) => a.ArriveAsync(id, ct));
        StepWith<ReasonBody>("pause", (a, id, b, ct) => a.PauseAsync(id, b.Reason, ct));
        Step("resume", (a, id, ct) => a.ResumeAsync(id, ct));
        StepWith<ExtensionBody>("extension", (a, id, b, ct) => a.AskExtensionAsync(id, b.ResolveBy, b.Reason, ct));
        Step("extension/approve", (a, id, ct) => a.ApproveExtensionAsync(id, ct));
        Step("extension/reject", (a, id, ct) => a.RejectExtensionAsync(id, ct));
        StepWith<CompleteBody>("complete", (a, id, b, ct) => a.CompleteAsync(id, b.Method, b.Result, b.Materials, ct));
        Step("confirm", (a, id, ct) => a.ConfirmAsync(id, ct));
        StepWith<ReasonBody>("reject-completion", (a, id, b, ct) => a.RejectCompletionAsync(id, b.Reason, ct));
        StepWith<ReferBody>("refer", (a, id, b, ct) => a.ReferAsync(id, b.ReferredTo, b.Reason, ct));
        Step("referral/helped", (a, id, ct) => a.ReferralHelpedAsync(id, ct));
    }

    /// <summary>The categories with the commitments the procedure in force gives each.</summary>
    private static async Task<IResult> CategoriesAsync(AppDbContext db, Policies policies, CancellationToken ct)
    {
        var all = await db.Set<ServiceCategory>().AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        var desk = await policies.DeskAsync(ct);
        var codes = all.ToDictionary(c => c.Id, c => c.Code);
        static TargetDto T(Target t) => new(t.Minutes, t.Clock == CommitmentClock.Always ? "24x7" : "WorkingHours");
        return Results.Ok(all.Select(c => new CategoryDto(
            c.Code,
            c.Name,
            c.ParentId is { } p ? codes[p] : null,
            c.PostCode,
            Enum.GetValues<Urgency>()
                .Select(u => desk.CommitmentFor(c.Code, c.ParentId is { } p ? codes[p] : null, u))
                .Select(x => new CommitmentDto(x.Urgency.ToString(), T(x.Acknowledge), T(x.Arrive), T(x.Resolve)))
                .ToList()
        )));
    }

    private static async Task<IResult> CreateAsync(
        CreateBody body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        Intake intake,
        IntakeLimits limits,
        HttpContext http,
        AppDbContext db,
        CancellationToken ct
    )
    {
        var address = http.Connection.RemoteIpAddress;
        var wait = limits.Take(UserId(user), Viewer.IsOfficeStaff(user), address);
        if (wait is { } refused && idempotencyKey is null)
        {
            return TooMany(http, refused);
        }
        if ((Missing(body.CategoryCode, "categoryCode") ?? Missing(body.RoomCode, "roomCode") ?? Missing(body.Description, "description")) is { } missing)
        {
            return missing;
        }
        if (!TryParse<Urgency>(body.Urgency ?? nameof(Urgency.Normal), out var urgency))
        {
            return ApiProblem.Invalid("urgency", "urgency is Normal, Urgent or Emergency");
        }
        if (!TryParse<Channel>(body.Channel ?? nameof(Channel.Web), out var channel))
        {
            return ApiProblem.Invalid("channel", "channel is Web, Phone, Counter or Message");
        }
        if (idempotencyKey is not null && !IdempotencyKey.IsValid(idempotencyKey))
        {
            return ApiProblem.Invalid("Idempotency-Key", "at most 128 printable ASCII characters");
        }
        var input = new NewRequest(body.CategoryCode!, body.RoomCode!, body.Description!, urgency, channel, body.Caller?.Name, body.Caller?.Phone);
        IntakeResult result;
        try
        {
            if (wait is { } over)
            {
                // Over the limit, yet a retry of a request an earlier call made is answered: that client missed its 201.
                return await Intake.ReplayAsync(db, UserId(user), idempotencyKey!, input, ct) is { } earlier
                    ? Results.Ok((await RequestView.ShowAsync(db, [earlier], false, ct))[0])
                    : TooMany(http, over);
            }
            result = await intake.CreateAsync(UserId(user), Viewer.IsOfficeStaff(user), input, idempotencyKey, ct);
        }
        catch (RequestRuleException e)
        {
            return RequestSteps.Refused(e);
        }
        catch (InvalidFieldException e)
        {
            return ApiProblem.Invalid(e.Field, e.Message);
        }
        catch (ArgumentException e)
        {
            return ApiProblem.Invalid(FieldName(e.ParamName), e.Message);
        }
        if (!result.Created)
        {
            // A replay made nothing: it does not count against the caller's minute.
            limits.GiveBack(UserId(user), address);
        }
        var dto = result.Names is { } names ? RequestView.Show(result.Request, names, null) : (await RequestView.ShowAsync(db, [result.Request], false, ct))[0];
        return result.Created ? Results.Created($"/api/v1/service-requests/{dto.Id}", dto) : Results.Ok(dto);
    }

    /// <summary>429 with Retry-After in whole seconds (ADR 0014); nothing of the call was looked at but, with an Idempotency-Key, whether it is a retry.</summary>
    private static IResult TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = RetryAfter.Set(http.Response, wait);
        return ApiProblem.Create(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests", $"Too many new requests in a minute; try again in {seconds} s.");
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var request = await db.Set<ServiceRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        var viewer = await Viewer.LoadAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        if (request is null || !viewer.CanSee(request))
        {
            return ApiProblem.NotFound("No such request");
        }
        return Results.Ok((await RequestView.ShowAsync(db, [request], true, ct))[0]);
    }

    internal static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static IResult? Missing(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? ApiProblem.Invalid(field, $"{field} is required") : null;

    /// <summary>Enum names only: a number such as "7" would parse to a value no client meant.</summary>
    internal static bool TryParse<T>(string value, out T result)
        where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out result) && Enum.IsDefined(result) && !value.Trim().All(char.IsAsciiDigit);

    internal static string FieldName(string? param) =>
        param switch
        {
            null or "" => "body",
            "callerName" => "caller.name",
            _ => param,
        };
}
