using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>zsn2n run [config.json]</c>: the original runner, with the bundled config and with strict config errors.</summary>
[TestClass]
public sealed class RunCommandTests
{
    [TestMethod]
    public void WithoutArgumentsUsesTheBundledConfigAndWritesEveryOutput()
    {
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, "run", "--iterations", "5", "--width", "8", "--threads", "1");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var output = folder["zsn2n-run"];
        StringAssert.Contains(run.StdOut, $"Outputs: {output}");
        StringAssert.Contains(run.StdOut, Path.Combine("samples", "config.json"));
        StringAssert.Contains(run.StdOut, "camera.png");
        foreach (var name in new[] { "clean.png", "noisy.png", "denoised.png", "comparison.png", "loss.png", "results.json" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(output, name)), name);
        }

        // The bundled camera.png is 256x256 grey; the comparison shows clean, noisy and denoised side by side.
        var clean = ImageIo.Read(Path.Combine(output, "clean.png"));
        Assert.AreEqual((256, 256, 1), (clean.Width, clean.Height, clean.Channels));
        var comparison = ImageIo.Read(Path.Combine(output, "comparison.png"));
        Assert.IsGreaterThanOrEqualTo(3 * 256, comparison.Width);
        Assert.IsGreaterThan(256, comparison.Height);

        // The printed PSNRs are the ones in results.json, and the noisy one is what degree 0.1 gives (about 20 dB).
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var noisyPsnr = results.RootElement.GetProperty("noisyPsnr").GetDouble();
        var denoisedPsnr = results.RootElement.GetProperty("denoisedPsnr").GetDouble();
        Assert.AreEqual(5, results.RootElement.GetProperty("iterations").GetInt32());
        Assert.AreEqual(0.1, results.RootElement.GetProperty("degree").GetDouble());
        Assert.IsTrue(noisyPsnr is > 19 and < 22, $"noisy PSNR {noisyPsnr}");
        StringAssert.Contains(run.StdOut, $"Noisy PSNR: {noisyPsnr:F2} dB");
        StringAssert.Contains(run.StdOut, $"Denoised PSNR: {denoisedPsnr:F2} dB");
        Assert.AreEqual(noisyPsnr, Ort.Imaging.Metrics.Psnr.Compute(clean, ImageIo.Read(Path.Combine(output, "noisy.png"))), 0.05);
    }

    [TestMethod]
    public void ConfigGivesTheScheduleNoiseAndImageRelativeToItsFolder()
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["cfg/images/crop.png"]);
        File.WriteAllText(folder["cfg/config.json"], """
            { "image": "images/crop.png", "learning_rate": 0.002, "epoch_count": 7, "step_size": 3, "gamma": 0.9, "degree": 0.2, "max_bytes": 1000000 }
            """);

        var run = Zsn2n.Run(folder.Path, "run", "cfg/config.json", "-o", "results", "--width", "8", "--threads", "1", "--quiet");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.DoesNotContain("step ", run.StdOut, "--quiet prints no progress");
        Assert.DoesNotContain("Config:", run.StdOut);
        StringAssert.StartsWith(run.StdOut, "Noisy PSNR: ");
        using var results = JsonDocument.Parse(File.ReadAllText(folder["results/results.json"]));
        Assert.AreEqual(7, results.RootElement.GetProperty("iterations").GetInt32());
        Assert.AreEqual(folder["cfg/images/crop.png"], results.RootElement.GetProperty("image").GetString());

        // Sigma 0.2 (about 51 of 255) on a clean crop: PSNR near 20*log10(1/0.2) = 14 dB, less where clipping bites.
        var noisyPsnr = results.RootElement.GetProperty("noisyPsnr").GetDouble();
        Assert.IsTrue(noisyPsnr is > 13 and < 16.5, $"noisy PSNR {noisyPsnr}");
        Assert.AreEqual(TestImages.Width, ImageIo.Read(folder["results/denoised.png"]).Width);
    }

    [TestMethod]
    [DataRow("""{ "image": "x.png", "learnig_rate": 0.001 }""", "\"learnig_rate\"", "unknown key")]
    [DataRow("""{ "image": "x.png", "learning_rate": "fast" }""", "\"learning_rate\"", "must be a number")]
    [DataRow("""{ "image": "x.png", "learning_rate": 0 }""", "\"learning_rate\"", "(0, 10]")]
    [DataRow("""{ "image": "x.png", "epoch_count": 2.5 }""", "\"epoch_count\"", "whole number")]
    [DataRow("""{ "image": "x.png", "epoch_count": 0 }""", "\"epoch_count\"", "between 1 and 10000000")]
    [DataRow("""{ "image": "x.png", "epoch_count": 99999999999 }""", "\"epoch_count\"", "between 1 and 10000000, not 99999999999")]
    [DataRow("""{ "image": "x.png", "gamma": 0.5, "gamma": 0.25 }""", "\"gamma\"", "appears twice")]
    [DataRow("""{ "image": null }""", "\"image\"", "non-empty string")]
    [DataRow("""{ "image": "x.png", "step_size": -1 }""", "\"step_size\"", "at least 1")]
    [DataRow("""{ "image": "x.png", "gamma": 1.5 }""", "\"gamma\"", "(0, 1]")]
    [DataRow("""{ "image": "x.png", "degree": 25 }""", "\"degree\"", "between 0 and 1")]
    [DataRow("""{ "image": "x.png", "max_bytes": "big" }""", "\"max_bytes\"", "whole number")]
    [DataRow("""{ "image": "x.png", "noise": "loud" }""", "\"noise\"", "\"independent\", \"camera\", \"auto\" (any case), not \"loud\"")]
    [DataRow("""{ "image": "x.png", "noise": 2 }""", "\"noise\"", "\"independent\", \"camera\", \"auto\" (any case), not 2.")]
    [DataRow("""{ "image": 3 }""", "\"image\"", "string")]
    [DataRow("""{ "image": "missing.png" }""", "\"image\"", "does not exist")]
    [DataRow("""{ "learning_rate": 0.001 }""", "\"image\"", "missing key")]
    [DataRow("""{ "image": "x.png", }""", "config.json", "not valid JSON")]
    [DataRow("""[1, 2]""", "config.json", "JSON object")]
    public void BadConfigIsRefusedNamingTheKey(string json, string named, string reason)
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["x.png"]);
        File.WriteAllText(folder["config.json"], json);

        var run = Zsn2n.Run(folder.Path, "run", "config.json", "-o", "out");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, named);
        StringAssert.Contains(run.StdErr, reason);
        Assert.IsFalse(Directory.Exists(folder["out"]), "nothing is written for a bad config");
    }

    [TestMethod]
    public void ImageLargerThanMaxBytesFails()
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["x.png"]);
        File.WriteAllText(folder["config.json"], """{ "image": "x.png", "max_bytes": 100 }""");

        var run = Zsn2n.Run(folder.Path, "run", "config.json", "-o", "out");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "x.png");
        Assert.IsFalse(Directory.Exists(folder["out"]));
    }

    [TestMethod]
    public void MissingConfigFileIsAUsageError()
    {
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, "run", "nope.json");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "nope.json");
    }

    [TestMethod]
    public void BundledConfigIsValidAndUsesTheOriginalKeys()
    {
        var config = Path.Combine(RepositoryPaths.Root, "samples", "config.json");
        using var document = JsonDocument.Parse(File.ReadAllText(config));
        CollectionAssert.AreEquivalent(
            new[] { "image", "learning_rate", "epoch_count", "step_size", "gamma", "degree", "max_bytes" },
            document.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.IsTrue(File.Exists(Path.Combine(RepositoryPaths.Root, "samples", document.RootElement.GetProperty("image").GetString()!)));
        Assert.IsTrue(File.Exists(Path.Combine(AppContext.BaseDirectory, "samples", "config.json")), "copied beside zsn2n.dll");
    }
}
