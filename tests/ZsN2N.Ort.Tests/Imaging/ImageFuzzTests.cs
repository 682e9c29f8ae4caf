using System.Globalization;

namespace ZsN2N.Ort.Tests.Imaging;

/// <summary>
/// Mutation fuzzing of the decode path (issue 9): tools/ZsN2N.FuzzHost mutates valid PNG, JPEG, TIFF, WebP, BMP and
/// GIF files and decodes each in a child process, so a native crash shows as a signal exit, not a dead test host. The
/// seed is random unless ZSN2N_FUZZ_SEED is set, and every failure message carries it; the crashing input stays on
/// disk at the printed path. Bounded to about 15 s.
/// </summary>
[TestClass]
public sealed class ImageFuzzTests
{
    private const double Seconds = 15;
    private const int MinimumCases = 2000;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void ThousandsOfMutatedImagesNeverCrashHangOrEscapeTheLimits()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ZSN2N_FUZZ_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        var caseFile = Path.Combine(Path.GetTempPath(), $"zsn2n-fuzz-seed{seed}.bin");
        var host = Path.Combine(AppContext.BaseDirectory, "zsn2n-fuzzhost.dll");
        using var process = DotnetApp.Start(host, AppContext.BaseDirectory,
            ["--seed", seed.ToString(CultureInfo.InvariantCulture), "--seconds", Seconds.ToString(CultureInfo.InvariantCulture), "--case-file", caseFile]);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var finished = process.WaitForExit(TimeSpan.FromSeconds(Seconds + 45));
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
        }

        var summary = stdout.Result.Trim();
        var repro = $"seed {seed} (rerun with ZSN2N_FUZZ_SEED={seed}; the last input is {caseFile}, replay it with zsn2n-fuzzhost --replay)";
        Assert.IsTrue(finished, $"the fuzz host hung: {repro}");
        Assert.AreEqual(0, process.ExitCode, $"the decode path crashed or threw (exit {process.ExitCode}{(process.ExitCode > 128 ? $", signal {process.ExitCode - 128}" : "")}): {repro}\n{Tail(stderr.Result)}");
        TestContextMessage(summary);
        var cases = int.Parse(summary.Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.IsGreaterThanOrEqualTo(MinimumCases, cases, $"too few cases to mean anything: {summary}");
        StringAssert.Contains(summary, " decoded, ", summary);
        File.Delete(caseFile);
    }

    public TestContext TestContext { get; set; } = null!;

    private void TestContextMessage(string message) => TestContext.WriteLine(message);

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
