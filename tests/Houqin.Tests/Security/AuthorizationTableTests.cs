using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Houqin.Features.Account;
using Houqin.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Security;

/// <summary>
/// Every endpoint and page of the running app against access-table.txt (QUALITY.md, authorization):
/// zero unexpected allows, zero unexpected denies, and no endpoint without a row.
/// </summary>
public partial class AuthorizationTableTests
{
    private const string TableFile = "Security/access-table.txt";
    private const string Anonymous = "anonymous";
    private const string SignedIn = "signed-in";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_and_page_has_a_row_in_the_access_table()
    {
        await using var app = await TestApp.StartAsync();
        var table = AccessTable.Load(TableFile);
        var endpoints = Endpoints(app);

        var missing = endpoints.Where(e => !table.ContainsKey(e.Key)).ToList();
        var stale = table.Keys.Where(k => !endpoints.ContainsKey(k)).ToList();

        Assert.True(
            missing.Count == 0,
            $"Add these rows to tests/Houqin.Tests/{TableFile} (replace ? by anonymous, signed-in or a role list):\n"
                + string.Join('\n', missing.Select(m => $"{m.Key.Method,-7} {m.Key.Route,-34} ?"))
        );
        Assert.True(stale.Count == 0, "These rows name endpoints the app no longer has:\n" + string.Join('\n', stale));
    }

    [Fact]
    public async Task Every_endpoint_and_page_states_its_policy_rather_than_relying_on_the_fallback()
    {
        await using var app = await TestApp.StartAsync();

        var silent = Endpoints(app)
            .Where(e =>
                e.Value.Metadata.GetMetadata<IAllowAnonymous>() is null
                && e.Value.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0
            )
            .Select(e => e.Key.ToString())
            .ToList();

        Assert.True(silent.Count == 0, "Declare a policy (Permissions.*) or AllowAnonymous on:\n" + string.Join('\n', silent));
    }

    [Fact]
    public async Task Each_role_gets_exactly_what_the_access_table_allows()
    {
        await using var app = await TestApp.StartAsync();
        app.Configure("Houqin:RateLimits:SignInPerMinute", "100000");
        var table = AccessTable.Load(TableFile);
        var callers = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { [Anonymous] = Client(app, null) };
        foreach (var role in Roles.All)
        {
            callers[role] = Client(app, await TokenForRoleAsync(app, role));
        }

        var wrong = new List<string>();
        foreach (var (key, row) in table)
        {
            var path = row.Sample ?? SamplePath(key.Route);
            foreach (var (caller, client) in callers)
            {
                var expected = row.Allows(caller);
                using var response = await CallAsync(client, key.Method, path);
                var outcome = await ClassifyAsync(response);
                if (outcome == Outcome.Broken)
                {
                    wrong.Add($"{key} as {caller}: {(int)response.StatusCode} (a server error)");
                }
                else if ((outcome == Outcome.Allowed) != expected)
                {
                    wrong.Add(
                        $"{key} as {caller}: {(expected ? "expected allowed" : "expected denied")}, got {(int)response.StatusCode} {response.Headers.Location}"
                    );
                }
            }
        }
        foreach (var c in callers.Values)
        {
            c.Dispose();
        }

        Assert.True(wrong.Count == 0, "Access differs from the table:\n" + string.Join('\n', wrong));
    }

    private enum Outcome
    {
        Allowed,
        Denied,
        Broken,
    }

    /// <summary>
    /// Denied: 401 or 403 from authentication or authorization (problem code unauthenticated/forbidden,
    /// or no problem at all), or the cookie handler's redirect to sign-in or access denied. A 401/403 the
    /// endpoint answers itself with another code (e.g. invalid_credentials) means the caller got in.
    /// </summary>
    private static async Task<Outcome> ClassifyAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return Outcome.Broken;
        }
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // The cookie handler redirects to absolute URLs; pages' own redirects are relative.
            var to = response.Headers.Location?.OriginalString ?? "";
            return to.StartsWith("http://localhost/Account/SignIn", StringComparison.Ordinal)
                || to.StartsWith("http://localhost/Account/Denied", StringComparison.Ordinal)
                ? Outcome.Denied
                : Outcome.Allowed;
        }
        if (status is 401 or 403)
        {
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                var code = json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                return code is null or "unauthenticated" or "forbidden" ? Outcome.Denied : Outcome.Allowed;
            }
            return Outcome.Denied;
        }
        return Outcome.Allowed;
    }

    private static Task<HttpResponseMessage> CallAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method.Split(',')[0]), path);
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request, Ct);
    }

    private static HttpClient Client(TestApp app, string? token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A user holding only <paramref name="role"/>, and a token issued to them directly (no password hashing).</summary>
    private static async Task<string> TokenForRoleAsync(TestApp app, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = "table-" + role.ToLowerInvariant(), DisplayName = role };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user, "table")).Token;
    }

    private static Dictionary<EndpointKey, RouteEndpoint> Endpoints(TestApp app)
    {
        var result = new Dictionary<EndpointKey, RouteEndpoint>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var method = methods is { Count: > 0 } ? string.Join(',', methods) : "*";
            result[new EndpointKey(method, "/" + e.RoutePattern.RawText?.TrimStart('/'))] = e;
        }
        return result;
    }

    /// <summary>Placeholder values: optional parameters left out, numbers 1, everything else a random id.</summary>
    private static string SamplePath(string route)
    {
        var pattern = RoutePatternFactory.Parse(route);
        var parts = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var sb = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                sb.Append(
                    part switch
                    {
                        RoutePatternLiteralPart l => l.Content,
                        RoutePatternSeparatorPart s => s.Content,
                        RoutePatternParameterPart { IsOptional: true } => "",
                        RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "int" or "long") => "1",
                        _ => Guid.CreateVersion7().ToString(),
                    }
                );
            }
            if (sb.Length > 0)
            {
                parts.Add(sb.ToString());
            }
        }
        return "/" + string.Join('/', parts);
    }

    internal readonly record struct EndpointKey(string Method, string Route)
    {
        public override string ToString() => $"{Method} {Route}";
    }

    internal sealed record Row(IReadOnlySet<string> Who, string? Sample)
    {
        public bool Allows(string caller) =>
            Who.Contains(Anonymous) || (caller != Anonymous && (Who.Contains(SignedIn) || Who.Contains(caller)));
    }

    internal static partial class AccessTable
    {
        public static Dictionary<EndpointKey, Row> Load(string file)
        {
            var rows = new Dictionary<EndpointKey, Row>();
            var lineNo = 0;
            foreach (var raw in File.ReadLines(Locate(file)))
            {
                lineNo++;
                var line = raw.Split('#')[0].Trim();
                if (line.Length == 0)
                {
                    continue;
                }
                var cells = Spaces().Split(line);
                Assert.True(cells.Length is 3 or 4, $"{file}:{lineNo}: expected 'method route who [sample]'");
                var who = cells[2].Split(',').ToHashSet(StringComparer.Ordinal);
                var unknown = who.Where(w => w is not (Anonymous or SignedIn) && !Roles.All.Contains(w)).ToList();
                Assert.True(unknown.Count == 0, $"{file}:{lineNo}: unknown role(s) {string.Join(", ", unknown)}");
                var key = new EndpointKey(cells[0], cells[1]);
                Assert.True(rows.TryAdd(key, new Row(who, cells.Length == 4 ? cells[3] : null)), $"{file}:{lineNo}: {key} twice");
            }
            return rows;
        }

        /// <summary>The checked-in file in the source tree, so there is one copy and nothing to keep in step.</summary>
        internal static string Locate(string file)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Houqin.Tests", file);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new FileNotFoundException("tests/Houqin.Tests/" + file);
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();
    }
}
