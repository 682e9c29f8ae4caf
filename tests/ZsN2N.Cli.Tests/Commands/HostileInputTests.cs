using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>
/// Issue 9's corpus (<see cref="HostileCorpus"/>) as one folder through <c>zsn2n denoise</c>: one process goes through
/// every file, reports each bad one with its specific reason, denoises every legitimate one, and exits 1.
/// </summary>
[TestClass]
public sealed class HostileInputTests
{
    [TestMethod]
    public void EveryBadFileIsReportedByNameAndEveryGoodOneIsDenoised()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["in"]);
        foreach (var entry in HostileCorpus.All)
        {
            File.WriteAllBytes(folder[Path.Combine("in", entry.Name)], entry.Bytes);
        }

        // A folder contributes png, jpg, bmp, tif and webp files; the GIF is named on the command line.
        var run = Zsn2n.Run(folder.Path, "denoise", "in", "in/gif-animated.gif", "-o", "out",
            "--iterations", "3", "--width", "4", "--threads", "1", "--report", "report.json", "--quiet");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        // Besides the per-file failures, stderr may hold the native decoders' own diagnostics ("libpng error: ...",
        // OpenCV's "[ WARN:...]"), never an exception or a stack trace.
        Assert.AreEqual(string.Empty, FirstLineWithout(run.StdErr, "in/", "libpng ", "[ WARN:", "[ERROR:"), run.StdErr);
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        var images = report.RootElement.GetProperty("images").EnumerateArray()
            .ToDictionary(i => Path.GetFileName(i.GetProperty("path").GetString()!), i => i);
        Assert.HasCount(HostileCorpus.All.Count, images, "every corpus file was attempted");

        foreach (var entry in HostileCorpus.All)
        {
            var item = images[entry.Name];
            var status = item.GetProperty("status").GetString();
            var output = folder[Path.Combine("out", Path.GetFileNameWithoutExtension(entry.Name) + ".png")];
            if (entry.Error is not null || !entry.Trainable)
            {
                Assert.AreEqual("failed", status, entry.Name);
                var error = item.GetProperty("error").GetString()!;
                StringAssert.Contains(error, entry.Name, "the error names the file");
                StringAssert.Contains(error, entry.Error is null ? "too small" : entry.MessagePart, entry.Name);
                StringAssert.Contains(run.Output, error, "the failure is printed too");
                Assert.IsFalse(File.Exists(output), $"{entry.Name} wrote no output");
            }
            else
            {
                Assert.AreEqual("succeeded", status, $"{entry.Name}: {item}");
                var written = ImageIo.Read(output);
                Assert.AreEqual((entry.Channels, entry.Width, entry.Height, entry.BitDepth), (written.Channels, written.Width, written.Height, written.BitDepth), entry.Name);
            }
        }

        var failed = HostileCorpus.All.Count(c => c.Error is not null || !c.Trainable);
        Assert.AreEqual(failed, report.RootElement.GetProperty("failed").GetInt32());
        StringAssert.Contains(run.StdOut, $"Denoised {HostileCorpus.All.Count - failed} of {HostileCorpus.All.Count} images");
        CollectionAssert.AreEquivalent(
            HostileCorpus.All.Where(c => c.Error is null && c.Trainable).Select(c => Path.GetFileNameWithoutExtension(c.Name) + ".png").ToArray(),
            Directory.GetFiles(folder["out"]).Select(Path.GetFileName).ToArray(),
            "only the good files' outputs, and no temporary files");
    }

    // The first line that contains none of the markers, or empty.
    private static string FirstLineWithout(string text, params string[] markers) =>
        text.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && !markers.Any(m => l.Contains(m, StringComparison.Ordinal))) ?? string.Empty;
}
