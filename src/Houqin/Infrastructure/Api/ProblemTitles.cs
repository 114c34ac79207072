using Microsoft.Extensions.Localization;

namespace Houqin.Infrastructure.Api;

/// <summary>Marker for the API's own problem titles: Resources/Infrastructure.Api.ApiText(.en-US).resx.</summary>
public sealed class ApiText;

/// <summary>Endpoint metadata: the feature whose <c>Refused_{code}</c> words title this endpoint's refusals.</summary>
public sealed record ProblemWords(Type Resource);

/// <summary>
/// Problem titles in the caller's language (zh-CN unless the request asks for en-US), as the pages word the same
/// refusals: the endpoint's feature's <c>Refused_{code}</c>, else the API's <c>Problem_{code}</c>, else a title for the
/// status. <c>code</c> stays the contract clients switch on; <c>detail</c> stays the developer's English explanation.
/// </summary>
public static class ProblemTitles
{
    /// <summary>Titles this group's refusals with <typeparamref name="TResource"/>'s <c>Refused_{code}</c> words.</summary>
    public static RouteGroupBuilder WithProblemWords<TResource>(this RouteGroupBuilder group) => group.WithMetadata(new ProblemWords(typeof(TResource)));

    /// <summary>For <c>ProblemDetailsOptions.CustomizeProblemDetails</c>: every problem+json the app writes passes here.</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var factory = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizerFactory>();
        var code = problem.Extensions.TryGetValue("code", out var c) ? c as string : null;
        var api = factory.Create(typeof(ApiText));
        var title =
            (code is not null && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ProblemWords>() is { } words
                ? factory.Create(words.Resource).OrNull("Refused_" + code)
                : null)
            ?? (code is null ? null : api.OrNull("Problem_" + code))
            ?? api.OrNull("Status_" + problem.Status);
        if (title is not null)
        {
            problem.Title = title;
        }
    }
}
