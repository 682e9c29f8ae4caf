using System.Diagnostics;
using ZsN2N.Cli.Tests.TestSupport;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>Ctrl-C (SIGINT) stops training promptly, writes nothing for the cancelled image, and exits 130.</summary>
[TestClass]
public sealed class CancellationTests
{
    [TestMethod]
    public void SigintStopsPromptlyWithoutPartialOutput()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("Sends SIGINT with kill(1).");
        }

        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in.png"]);
        using var process = Zsn2n.Start(folder.Path, "denoise", "in.png", "-o", "out", "--iterations", "10000000", "--width", "8", "--threads", "1", "--report", "out/report.json");
        var stderr = process.StandardError.ReadToEndAsync();

        // The plain progress prints a line when the image starts; give training a moment to be under way.
        var started = process.StandardOutput.ReadLine();
        StringAssert.Contains(started, "in.png");
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Assert.IsFalse(process.HasExited, "still training");

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()]))
        {
            kill.WaitForExit();
        }

        var clock = Stopwatch.StartNew();
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(20)), "exits after Ctrl-C");
        Assert.IsLessThan(10, clock.Elapsed.TotalSeconds);
        Assert.AreEqual(130, process.ExitCode, $"{stdout.Result}\n{stderr.Result}");
        StringAssert.Contains(stdout.Result, "Cancelled");
        Assert.IsFalse(File.Exists(folder["out/in.png"]));
        Assert.IsFalse(File.Exists(folder["out/report.json"]));
        Assert.IsEmpty(Directory.GetFiles(folder["out"]));
    }

    [TestMethod]
    public void SigintStopsEveryImageTrainedAtOnce()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("Sends SIGINT with kill(1).");
        }

        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/a.png"]);
        TestImages.WriteColour8(folder["in/b.png"]);
        TestImages.WriteOtherGray16(folder["in/c.png"]);
        using var process = Zsn2n.Start(folder.Path, "denoise", "in", "-o", "out", "--parallel", "2", "--iterations", "10000000", "--width", "8", "--threads", "1");
        var stderr = process.StandardError.ReadToEndAsync();

        // Both images at once have printed their start line before training.
        string?[] started = [process.StandardOutput.ReadLine(), process.StandardOutput.ReadLine()];
        CollectionAssert.AreEquivalent(new[] { "[1/3] a.png: started, 10000000 training steps", "[2/3] b.png: started, 10000000 training steps" }, started);
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Assert.IsFalse(process.HasExited, "still training");

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()]))
        {
            kill.WaitForExit();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(20)), "exits after Ctrl-C");
        Assert.AreEqual(130, process.ExitCode, $"{stdout.Result}\n{stderr.Result}");
        StringAssert.Contains(stdout.Result, "Cancelled after 0 of 3 images");
        Assert.DoesNotContain("c.png", stdout.Result, "no image starts after Ctrl-C");
        Assert.IsEmpty(Directory.GetFiles(folder["out"]));
    }
}
