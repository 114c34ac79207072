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
                    foreach (var body in Bodies(Resolve(schema, schemas)))
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

    private static JsonObject Resolve(JsonNode schema, JsonNode? schemas)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Resolve(schemas![reference.Split('/')[^1]]!, schemas);
        }
        return schema.AsObject();
    }

    /// <summary>Whole-body mischief, then per property: each wrong type, a huge string, NUL, CRLF, huge and negative numbers.</summary>
    private static IEnumerable<byte[]> Bodies(JsonObject schema)
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
                    body[other] = other == property ? value?.DeepClone() : "x";
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
