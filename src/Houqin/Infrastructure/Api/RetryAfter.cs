using System.Globalization;

namespace Houqin.Infrastructure.Api;

/// <summary>The <c>Retry-After</c> header of every 429 (sign-in limits, lockouts, intake limits): whole seconds.</summary>
public static class RetryAfter
{
    /// <summary>Whole seconds, rounded up and never 0: a client told 0 would come straight back.</summary>
    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Sets the header; answers the seconds it gave, for a message that names them.</summary>
    public static int Set(HttpResponse response, TimeSpan wait)
    {
        var seconds = Seconds(wait);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
