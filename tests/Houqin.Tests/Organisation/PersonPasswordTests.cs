using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Houqin.Data;
using Houqin.Features.Organisation;
using Houqin.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Houqin.Tests.Organisation;

public partial class PersonPasswordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [Fact]
    public async Task The_administrator_gives_an_imported_person_a_password_they_can_sign_in_with()
    {
        await using var app = await TestApp.StartAsync();
        var factory = app.WithTestSignIn();
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var person = new User { UserName = "newcomer", DisplayName = "新同事", Kind = PersonKind.Staff };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<User>>().CreateAsync(person)).Succeeded);
            id = person.Id;
        }
        using var admin = factory.ClientAs("admin");
        var page = $"/Admin/People/Edit/{id}";
        var token = TokenPattern().Match(await admin.GetStringAsync(page, Ct)).Groups[1].Value;

        var weak = await admin.PostAsync(page + "?handler=SetPassword", Form(token, "short1"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        Assert.Contains("密码不符合要求", await weak.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await AuditCountAsync(factory.Services));

        var set = await admin.PostAsync(page + "?handler=SetPassword", Form(token, "Kettle-Lamp-2931"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        using var client = app.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { userName = "newcomer", password = "Kettle-Lamp-2931" }, Ct);
        Assert.Equal(HttpStatusCode.Created, signIn.StatusCode);
        Assert.Equal(1, await AuditCountAsync(factory.Services));
    }

    private static FormUrlEncodedContent Form(string token, string password) =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["newPassword"] = password });

    private static async Task<int> AuditCountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.Set<AuditEvent>().Where(e => e.Action == "account.password_set").ToListAsync(Ct);
        Assert.DoesNotContain(events, e => e.Data.Contains("Kettle", StringComparison.Ordinal));
        return events.Count;
    }
}
