using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Houqin.Infrastructure;
using Houqin.Infrastructure.Api;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace Houqin.Features.Shared;

/// <summary>Pages, API plumbing, localization, errors, health and metrics: the web shell every module uses.</summary>
public static class WebModule
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        // Razor would otherwise HTML-encode every Chinese character.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services
            .AddRazorPages(o => o.RootDirectory = "/Features")
            // Text with a control character never reaches a page's handler (ADR 0033).
            .AddMvcOptions(o => o.Filters.Add<ControlCharacterFilter>())
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The security headers say DENY (and CSP frame-ancestors 'none') on every response.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemTitles.Localize);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in config.GetSection("Houqin:Web:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddExceptionHandler<ApiErrors.ExceptionHandler>();
        // A body the JSON reader refuses reaches the handler as an exception naming where it failed (the field), in
        // every environment, instead of a bare 400 only Development would explain.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Every JSON string the API reads passes one check (ADR 0033): a control character fails the body, naming the field.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new RefusingControlCharacters()));
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerInOpenApi>();
            o.AddSchemaTransformer<StringsInOpenApi>();
        });
        services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: [DatabaseReadiness.Tag]);
        services.AddOpenTelemetry().WithMetrics(m => m.AddAspNetCoreInstrumentation().AddPrometheusExporter());
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // Behind the campus reverse proxy: the client's address and scheme come from X-Forwarded-*, trusted only
        // from the proxies listed in Houqin:Web:KnownProxies (loopback by default), so cookies get __Host- and Secure,
        // HSTS is sent, and rate limits and audit events see the real client.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // Before the error handlers: a problem or error page written on the way out speaks the caller's language too.
        app.UseRequestLocalization();
        // API exceptions become problem+json (ApiErrors.ExceptionHandler); pages show /Error. In every
        // environment: a stack trace is never an answer.
        app.UseExceptionHandler("/Error");
        app.UseWhen(
            http => ApiErrors.IsApi(http.Request.Path),
            api => api.UseStatusCodePages(ctx => ApiErrors.WriteStatusAsync(ctx.HttpContext))
        );
        app.UseWhen(
            http => !ApiErrors.IsApi(http.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/Error/{0}")
        );
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        // The API's query and route values under the same rule as its bodies (ADR 0033); the pages' are the filter's.
        app.UseWhen(http => ApiErrors.IsApi(http.Request.Path), api => api.Use(ApiErrors.RefuseControlCharactersAsync));
        // A body over its limit is answered 413 here, before the antiforgery check reads the form and calls it a bad token.
        app.UseOversizedBodies();
        // A page's form holding %00, which the framework's reader refuses, read leniently for the filter to refuse (ADR 0033).
        app.UseWhen(http => !ApiErrors.IsApi(http.Request.Path), pages => pages.Use(ControlCharacterFilter.ReadFormsWithNulAsync));
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api").AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(DatabaseReadiness.Tag) })
            .AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Permissions.ReadMetrics);
        return app;
    }
}
