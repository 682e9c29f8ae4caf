using System.Diagnostics;

namespace ZsN2N.Cli.Tests.TestSupport;

/// <summary>Runs the built CLI (<c>zsn2n.dll</c>, copied next to the tests by the project reference) as a child process.</summary>
internal static class Zsn2n
{
    /// <summary>The CLI assembly beside the test assembly.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "zsn2n.dll");

    /// <summary>Runs <c>zsn2n <paramref name="args"/></c> in <paramref name="workingDirectory"/> with redirected output and waits.</summary>
    public static CliRun Run(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"zsn2n {string.Join(' ', args)} did not finish in 3 minutes.");
        }

        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts <c>zsn2n <paramref name="args"/></c>; the caller reads its streams and disposes it.</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        Assert.IsTrue(File.Exists(Dll), $"The CLI was not copied next to the tests: {Dll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    }
}
