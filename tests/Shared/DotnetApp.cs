using System.Diagnostics;

namespace ZsN2N.Tests.Shared;

/// <summary>
/// Runs a built app of this repository (its assembly, copied next to the tests by a project reference) as a child
/// <c>dotnet</c> process. Shared (linked) by the CLI and web test projects.
/// </summary>
internal static class DotnetApp
{
    /// <summary>Runs <paramref name="dll"/> with <paramref name="args"/>, waits up to <paramref name="timeout"/> and returns its exit code and output.</summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(string dll, string workingDirectory, TimeSpan timeout, IReadOnlyList<string> args)
    {
        using var process = Start(dll, workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileNameWithoutExtension(dll)} {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:0.#} minutes.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts <paramref name="dll"/> with <paramref name="args"/> and redirected output; the caller reads its streams and disposes it.</summary>
    public static Process Start(string dll, string workingDirectory, IReadOnlyList<string> args)
    {
        Assert.IsTrue(File.Exists(dll), $"The app was not copied next to the tests: {dll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    }
}
