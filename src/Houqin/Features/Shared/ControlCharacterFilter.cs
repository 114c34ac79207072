using Houqin.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace Houqin.Features.Shared;

/// <summary>
/// Every page's forms and query strings under the one rule of <see cref="ControlCharacters"/> (ADR 0033), before any
/// handler reads them: a field holding a refused control character is dropped, the post's handler does not run (so
/// nothing is written), and the page is shown again as its GET shows it, with 422 and the layout saying why in the
/// reader's language. One filter for every page rather than a check in each of their handlers.
/// </summary>
public sealed class ControlCharacterFilter(IStringLocalizer<ShellText> text) : IAsyncPageFilter
{
    /// <summary>The <c>HttpContext.Items</c> key of the message the layout shows.</summary>
    public static readonly object Refused = new();

    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var request = context.HttpContext.Request;
        var refused = false;
        if (Cleaned(request.Query) is { } query)
        {
            request.Query = new QueryCollection(query);
            refused = true;
        }
        if (request.HasFormContentType && await FormOrNullAsync(request) is { } form && Cleaned(form) is { } fields)
        {
            request.Form = new FormCollection(fields, form.Files);
            refused = true;
        }
        refused |= context.RouteData.Values.Values.Any(v => v is string s && ControlCharacters.Contains(s));
        if (!refused)
        {
            return;
        }
        context.HttpContext.Items[Refused] = text["Refused_ControlCharacter"].Value;
        // A post is answered by the page's GET instead: the form comes back, and the post's handler never runs.
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.HandlerMethod = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => HttpMethods.IsGet(h.HttpMethod) && string.IsNullOrEmpty(h.Name));
        }
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.HttpContext.Items.ContainsKey(Refused))
        {
            await next();
            return;
        }
        // A route value cannot be dropped, and a post to a page with no GET has no form to show again: the error page
        // (with the same message) instead.
        var request = context.HttpContext.Request;
        if (
            context.RouteData.Values.Values.Any(v => v is string s && ControlCharacters.Contains(s))
            || (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && context.HandlerMethod is null)
        )
        {
            context.Result = new StatusCodeResult(StatusCodes.Status422UnprocessableEntity);
            return;
        }
        var executed = await next();
        if (executed.Result is PageResult page)
        {
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else if (executed.Result is null && executed.Exception is null)
        {
            executed.Result = new PageResult { StatusCode = StatusCodes.Status422UnprocessableEntity }; // a handler returning nothing shows the page
        }
        else if (executed.Exception is null)
        {
            executed.Result = new StatusCodeResult(StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>The fields without those holding a refused control character (in name or value); null when none does.</summary>
    private static Dictionary<string, StringValues>? Cleaned(IEnumerable<KeyValuePair<string, StringValues>> fields)
    {
        var all = fields.ToList();
        if (!all.Any(Refuses))
        {
            return null;
        }
        return all.Where(f => !Refuses(f)).ToDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static bool Refuses(KeyValuePair<string, StringValues> field) =>
        ControlCharacters.Contains(field.Key) || field.Value.Any(ControlCharacters.Contains);

    /// <summary>
    /// Middleware for the pages' url-encoded posts: the framework's form reader refuses a <c>%00</c> outright, so the
    /// antiforgery check failed and the visitor saw an error page. Such a form is read again by the lenient reader,
    /// so the filter above can drop the field and show the form again like any other refused character.
    /// </summary>
    public static async Task ReadFormsWithNulAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            request.EnableBuffering();
            try
            {
                await request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                request.Body.Position = 0;
                try
                {
                    using var reader = new Microsoft.AspNetCore.WebUtilities.FormReader(request.Body);
                    var fields = await reader.ReadFormAsync(http.RequestAborted);
                    if (fields.Any(f => Refuses(f)))
                    {
                        http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
                    }
                }
                catch (InvalidDataException)
                {
                    // Over the reader's limits too: left to the framework's answer.
                }
            }
        }
        await next(http);
    }

    /// <summary>The form, usually read already by the antiforgery check; a form that cannot be read is left to the page as before.</summary>
    private static async Task<IFormCollection?> FormOrNullAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }
}
