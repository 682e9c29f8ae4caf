using System.Diagnostics;

namespace ZsN2N.Tests.Shared;

/// <summary>
/// Runs <c>dotnet</c> as a child process: a built app of this repository (its assembly, copied next to the tests by a
/// project reference), or a command of the SDK or of the repository's local tools (<c>dotnet pwsh</c>). Shared
/// (linked) by the test projects.
/// </summary>
internal static class DotnetApp
{
    /// <summary>Runs <paramref name="dll"/> with <paramref name="args"/>, waits up to <paramref name="timeout"/> and returns its exit code and output.</summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(string dll, string workingDirectory, TimeSpan timeout, IReadOnlyList<string> args)
    {
        AssertBuilt(dll);
        return RunDotnet(workingDirectory, timeout, [dll, .. args]);
    }

    /// <summary>Starts <paramref name="dll"/> with <paramref name="args"/> and redirected output; the caller reads its streams and disposes it.</summary>
    public static Process Start(string dll, string workingDirectory, IReadOnlyList<string> args)
    {
        AssertBuilt(dll);
        return StartDotnet(workingDirectory, [dll, .. args]);
    }

    /// <summary>Runs <c>dotnet <paramref name="args"/></c>, waits up to <paramref name="timeout"/> and returns its exit code and output.</summary>
    public static (int ExitCode, string StdOut, string StdErr) RunDotnet(string workingDirectory, TimeSpan timeout, IReadOnlyList<string> args)
    {
        using var process = StartDotnet(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:0.#} minutes.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static Process StartDotnet(string workingDirectory, IReadOnlyList<string> args)
    {
        // The SDK names the dotnet that runs the tests; a bare "dotnet" from PATH may be another install.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    private static void AssertBuilt(string dll) =>
        Assert.IsTrue(File.Exists(dll), $"The app was not copied next to the tests: {dll}");
}
