using NetiquetteML.Tests.Reports;

namespace NetiquetteML.Tests.Support;

/// <summary>What tests need to run `dotnet` as a child process the way a user would.</summary>
public static class ChildBuild
{
    /// <summary>The configuration the tests were built in, so a child build of the same projects rebuilds nothing.</summary>
    public const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The dotnet host that runs the tests, else the one on PATH.</summary>
    public static string Dotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        return ExternalProcess.FindOnPath(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet")
            ?? throw new InvalidOperationException("dotnet not found: neither DOTNET_HOST_PATH nor PATH gives it.");
    }

    /// <summary>MSBuild and test-host variables inherited from `dotnet test` would steer a child build: remove them.</summary>
    public static void CleanEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.Where(k =>
                     k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.Equals("DOTNET_CLI_TELEMETRY_SESSIONID", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(key);
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
    }
}
