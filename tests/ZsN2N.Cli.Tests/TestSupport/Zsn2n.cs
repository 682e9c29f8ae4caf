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
        var (exitCode, stdout, stderr) = DotnetApp.Run(Dll, workingDirectory, TimeSpan.FromMinutes(3), args);
        return new CliRun(exitCode, stdout, stderr);
    }

    /// <summary>Starts <c>zsn2n <paramref name="args"/></c>; the caller reads its streams and disposes it.</summary>
    public static Process Start(string workingDirectory, params string[] args) => DotnetApp.Start(Dll, workingDirectory, args);
}
