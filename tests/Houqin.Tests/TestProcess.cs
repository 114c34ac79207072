using System.Runtime.CompilerServices;

namespace Houqin.Tests;

/// <summary>Settings for the whole test process, made before any host is built.</summary>
internal static class TestProcess
{
    /// <summary>
    /// Hundreds of hosts come and go in one run, and each would watch its settings files and web root with inotify:
    /// the machine allows 128 watchers per user, shared with Chromium and anything else running as that user, and a
    /// test that met the limit failed at start-up (seen with two runs at once). Tests never edit those files while a
    /// host runs, so settings are not watched and files are polled instead.
    /// </summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "A test process's own environment, set once before any host.")]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
