using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Houqin.Tests.ServiceDesk;

namespace Houqin.Tests.Security;

/// <summary>
/// QUALITY.md, malformed input: every JSON endpoint of the OpenAPI document gets bodies of the wrong shape,
/// wrong types, huge values, deep nesting, bad UTF-8, NUL and CRLF, as people of several roles. Not one
/// answer may be a 5xx, and none may carry a stack trace or SQL.
/// </summary>
public class MalformedInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Leaks = ["   at ", "Exception", "SQLite Error", "Npgsql", "SELECT ", "INSERT INTO", "stackTrace"];

    [Fact]
    public async Task No_malformed_body_to_any_json_endpoint_gives_a_server_error_or_a_leak()
    {
        var (app, web) = await Desk.StartAsync(Desk.Beijing(11, 30, 10, 0));
        await using var running = app;
        var request = await web.As("student").ReportAsync().CreatedAsync();
        var document = JsonNode.Parse(await web.ClientAs(null).GetStringAsync("/openapi/v1.json", Ct))!;
        var schemas = document["components"]?["schemas"];
        var failures = new List<string>();
        var calls = 0;

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("post" or "put" or "patch") || operation?["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema)
                {
                    continue;
                }
                var url = path.Replace("{id}", request.Id(), StringComparison.Ordinal);
                url = System.Text.RegularExpressions.Regex.Replace(url, "\\{[^}]+\\}", Guid.NewGuid().ToString());
                foreach (var user in new[] { "admin", "water2" })
                {
                    var client = web.As(user);
                    // Concrete: a step's body is "null or the object", and reading only the outer schema found no properties,
                    // so the steps (escalate, handoff…) never got a NUL in their reason.
                    foreach (var body in Bodies(Concrete(schema, schemas), schemas))
                    {
                        calls++;
                        using var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                        {
                            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                        };
                        using var response = await client.SendAsync(message, Ct);
                        var text = await response.Content.ReadAsStringAsync(Ct);
                        var leak = Leaks.FirstOrDefault(l => text.Contains(l, StringComparison.Ordinal));
                        if ((int)response.StatusCode >= 500 || leak is not null)
                        {
                            failures.Add($"{method.ToUpperInvariant()} {url} as {user}: {(int)response.StatusCode} {leak} ← {Preview(body)}");
                        }
                    }
                }
            }
        }

        Assert.True(calls > 500, $"only {calls} calls: the OpenAPI document lost its request bodies?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls failed:\n" + string.Join('\n', failures.Distinct().Take(40)));
    }

    /// <summary>
    /// ADR 0033, over every JSON endpoint the OpenAPI document lists: each string field in turn (nested ones and
    /// those in arrays too) holding each refused control character is answered 400 <c>control_character</c> naming
    /// that field — by someone the endpoint lets in; others are turned away before the body is read — and not one
    /// audit event is written. Before, a NUL reached the database and PostgreSQL answered 500.
    /// </summary>
    [Fact]
    public async Task A_control_character_in_any_string_field_of_any_json_endpoint_is_refused_naming_the_field()
    {
        var (app, web) = await Desk.StartAsync(Desk.Beijing(11, 30, 10, 0));
        await using var running = app;
        var request = await web.As("student").ReportAsync().CreatedAsync();
        var document = JsonNode.Parse(await web.ClientAs(null).GetStringAsync("/openapi/v1.json", Ct))!;
        var schemas = document["components"]?["schemas"];
        var before = await ControlCharacterTests.CountsAsync(web);
        var failures = new List<string>();
        var refusedAt = new HashSet<string>(StringComparer.Ordinal);
        var withFields = new HashSet<string>(StringComparer.Ordinal);
        var fields = 0;
        // One of each kind of person the API serves, so every endpoint has someone it lets in.
        string[] users = ["water2", "student", "leader-water", "director", "admin", "frontdesk", "principal-office"];

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("post" or "put" or "patch") || operation?["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema)
                {
                    continue;
                }
                var url = Url(path, operation, request.Id());
                foreach (var (field, segments) in StringFields(Concrete(schema, schemas), schemas, [], 0))
                {
                    fields++;
                    withFields.Add(path);
                    foreach (var bad in ControlCharacterTests.Refused)
                    {
                        var body = Encoding.UTF8.GetBytes(Nest(segments, JsonValue.Create("前" + bad + "后"))!.ToJsonString());
                        foreach (var user in users)
                        {
                            using var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                            {
                                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                            };
                            using var response = await web.As(user).SendAsync(message, Ct);
                            var text = await response.Content.ReadAsStringAsync(Ct);
                            if (
                                response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.TooManyRequests
                                && !text.Contains("\"control_character\"", StringComparison.Ordinal)
                            )
                            {
                                continue; // not this person's endpoint, or sign-in's rate limit: turned away before the body is read
                            }
                            var problem = JsonNode.Parse(text);
                            if ((int)response.StatusCode != 400 || problem?["code"]?.GetValue<string>() != "control_character" || problem["errors"]?[field] is null)
                            {
                                failures.Add($"{method.ToUpperInvariant()} {path} as {user}, {field} with U+{(int)bad[0]:X4}: {(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}");
                            }
                            else
                            {
                                refusedAt.Add(path);
                            }
                            break;
                        }
                    }
                }
            }
        }

        Assert.True(fields > 40, $"only {fields} string fields: the OpenAPI document lost its request bodies?");
        Assert.True(failures.Count == 0, $"{failures.Count} failed:\n" + string.Join('\n', failures.Distinct().Take(40)));
        // Each was answered by someone it lets in (sign-in's rate limit turns the rest away before the body is read).
        Assert.True(withFields.IsSubsetOf(refusedAt), "never refused: " + string.Join(", ", withFields.Except(refusedAt)));
        // The service desk's create and steps are among them (the reviewer's case).
        Assert.Contains("/api/v1/service-requests", refusedAt);
        Assert.Contains("/api/v1/service-requests/{id}/escalate", refusedAt);
        Assert.Contains("/api/v1/service-requests/{id}/handoff", refusedAt);
        // Each answer is described with its own body: three records once shared the schema name "AnswerBody", and the
        // document gave the complaint's and the case's answer the procedure comment's fields, which they ignore.
        Assert.Contains("/api/v1/complaints/{id}/answer", refusedAt);
        Assert.Contains("/api/v1/cases/{id}/answer", refusedAt);
        Assert.Equal(before, await ControlCharacterTests.CountsAsync(web));
    }

    /// <summary>The path with its parameters filled: the request for <c>{id}</c>, a number where the route wants one, else a fresh id.</summary>
    private static string Url(string path, JsonNode operation, string requestId)
    {
        var integers = (operation["parameters"]?.AsArray() ?? [])
            .Where(p => p?["in"]?.GetValue<string>() == "path" && Types(p["schema"]?.AsObject()).Contains("integer"))
            .Select(p => p!["name"]!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
        var url = path.Replace("{id}", requestId, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(url, "\\{([^}]+)\\}", m => integers.Contains(m.Groups[1].Value) ? "2026" : Guid.NewGuid().ToString());
    }

    /// <summary>Each free-text string a body carries, as the API names it (<c>caller.name</c>, <c>materials[0]</c>) and the way to it.</summary>
    private static IEnumerable<(string Field, object[] Segments)> StringFields(JsonObject schema, JsonNode? schemas, object[] at, int depth)
    {
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var property = Concrete(node!, schemas);
            var types = Types(property);
            object[] here = [.. at, name];
            if (types.Contains("string") && property["format"] is null && property["enum"] is null)
            {
                yield return (FieldName(here), here);
            }
            else if (types.Contains("array") && property["items"] is { } items && Concrete(items, schemas) is var item && Types(item).Contains("string") && item["format"] is null)
            {
                yield return (FieldName([.. here, 0]), [.. here, 0]);
            }
            else if (depth < 3 && property["properties"] is not null)
            {
                foreach (var nested in StringFields(property, schemas, here, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string FieldName(object[] segments) =>
        string.Concat(segments.Select((s, i) => s is int n ? $"[{n}]" : i == 0 ? (string)s : "." + s));

    /// <summary>A body holding only <paramref name="value"/> at <paramref name="segments"/>: the rest left out, so nothing else can fail first.</summary>
    private static JsonNode? Nest(object[] segments, JsonNode? value) =>
        segments.Length == 0 ? value
        : segments[0] is int ? new JsonArray(Nest(segments[1..], value))
        : new JsonObject { [(string)segments[0]] = Nest(segments[1..], value) };

    /// <summary>A value of the property's own type.</summary>
    private static JsonNode? Filler(JsonNode property, JsonNode? schemas)
    {
        var p = Concrete(property, schemas);
        var types = Types(p);
        if (types.Contains("string"))
        {
            return p["format"]?.GetValue<string>() switch
            {
                "date" => "2026-12-01",
                "date-time" => "2026-12-01T10:00:00+08:00",
                "uuid" => Guid.NewGuid().ToString(),
                _ => "x",
            };
        }
        return types.Contains("integer") || types.Contains("number") ? 1
            : types.Contains("boolean") ? true
            : types.Contains("array") ? new JsonArray()
            : p["properties"] is not null ? new JsonObject()
            : null;
    }

    /// <summary>The schema behind references and nullable alternatives.</summary>
    private static JsonObject Concrete(JsonNode schema, JsonNode? schemas)
    {
        var s = Resolve(schema, schemas);
        var alternative = (s["oneOf"] ?? s["anyOf"])?.AsArray().FirstOrDefault(a => a is not null && !(Types(Resolve(a, schemas)) is ["null"]));
        return alternative is null ? s : Concrete(alternative, schemas);
    }

    private static List<string> Types(JsonObject? schema) =>
        schema?["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };

    private static JsonObject Resolve(JsonNode schema, JsonNode? schemas)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Resolve(schemas![reference.Split('/')[^1]]!, schemas);
        }
        return schema.AsObject();
    }

    /// <summary>Whole-body mischief, then per property: each wrong type, a huge string, NUL, CRLF, huge and negative numbers.</summary>
    private static IEnumerable<byte[]> Bodies(JsonObject schema, JsonNode? schemas)
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        yield return [];
        yield return U("not json");
        yield return U("null");
        yield return U("[]");
        yield return U("\"text\"");
        yield return U("{");
        yield return U(new string('[', 5000) + new string(']', 5000));
        yield return U("{\"a\":" + new string('[', 200) + new string(']', 200) + "}");
        yield return [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d];
        yield return U("{\"x\":\"\u0000\"}");
        var properties = schema["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
        JsonNode?[] values =
        [
            null,
            1e308,
            -1,
            long.MinValue,
            true,
            new JsonArray(1, 2),
            new JsonObject { ["x"] = 1 },
            new string('长', 100_000),
            "a\u0000b",
            "line\r\nInjected: yes",
            "<script>alert(1)</script>",
            "",
            "2026-02-30T25:61:00",
            "P99999999D",
        ];
        foreach (var property in properties)
        {
            foreach (var value in values)
            {
                var body = new JsonObject();
                foreach (var other in properties)
                {
                    // The others of their own type: a string where an object belongs failed every body at that field, so
                    // the mischief under test never reached an endpoint (a NUL in a description never reached PostgreSQL).
                    body[other] = other == property ? value?.DeepClone() : Filler(schema["properties"]![other]!, schemas);
                }
                yield return U(body.ToJsonString());
            }
        }
        var all = new JsonObject();
        foreach (var p in properties)
        {
            all[p] = new string('x', 10_000);
        }
        all["unexpected"] = "extra";
        yield return U(all.ToJsonString());
    }

    private static string Preview(byte[] body)
    {
        var s = Encoding.UTF8.GetString(body);
        return s.Length > 80 ? s[..80] + "…" : s;
    }
}
