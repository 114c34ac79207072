using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Houqin.Features.Organisation;

/// <summary>In Development, once the server listens, prints where it is and how to sign in to the demo.</summary>
internal sealed class DemoBanner(IHostApplicationLifetime lifetime, IServer server, IHostEnvironment env, IConfiguration config)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var seeded = config.GetValue<bool?>("Houqin:Demo:Seed") ?? env.IsDevelopment();
        if (env.IsDevelopment() && seeded)
        {
            lifetime.ApplicationStarted.Register(Print);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var password = config["Houqin:Demo:Password"] is { Length: > 0 } p ? p : DemoCampus.DefaultPassword;
        var secret = config["Houqin:Demo:TotpSecret"] is { Length: > 0 } s ? s : DemoCampus.DefaultTotpSecret;
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine($"Houqin 后勤 is running at {string.Join(", ", urls)}");
        w.WriteLine($"Demo accounts (password {password}; * = two-factor, TOTP secret {secret}):");
        foreach (var a in DemoCampus.Accounts)
        {
            var twoFactor = a.Roles.Any(Roles.RequireTwoFactor.Contains) ? "*" : " ";
            w.WriteLine($"  {twoFactor} {a.UserName,-18} {string.Join(", ", a.Roles)}");
        }
        w.WriteLine();
    }
}
