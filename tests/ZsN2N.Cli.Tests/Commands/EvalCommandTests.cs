using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>
/// <c>zsn2n eval</c>: PSNR and SSIM per image and the mean, as a table, CSV and JSON. The numbers are checked against
/// scikit-image: tools/reference/skimage_expected.json holds scikit-image 0.19.3's
/// <c>peak_signal_noise_ratio(clean, noisy, data_range=1)</c> and <c>structural_similarity(clean, noisy, data_range=1,
/// channel_axis=2)</c> of every noisy development image against its clean original (float32 inputs in 0..1, RGB),
/// written by tools/reference/skimage_metrics.py.
/// </summary>
[TestClass]
public sealed class EvalCommandTests
{
    private static string DevFolder(string set) => Path.GetDirectoryName(RepositoryPaths.DevImage(set, "x"))!;

    [TestMethod]
    [DataRow("noisy_g25")]
    [DataRow("noisy_g50")]
    [DataRow("noisy_p50")]
    public void JsonMatchesScikitImageOnTheDevImages(string set)
    {
        using var stored = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tools", "reference", "skimage_expected.json")));
        Assert.AreEqual("0.19.3", stored.RootElement.GetProperty("skimage_version").GetString());
        var expected = stored.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("set").GetString() == set)
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => (Psnr: r.GetProperty("psnr").GetDouble(), Ssim: r.GetProperty("ssim").GetDouble()));
        Assert.IsGreaterThanOrEqualTo(8, expected.Count);
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, "eval", DevFolder(set), DevFolder("clean"), "--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(run.StdOut);
        var images = report.RootElement.GetProperty("images").EnumerateArray().ToArray();
        CollectionAssert.AreEquivalent(expected.Keys.ToArray(), images.Select(i => i.GetProperty("name").GetString()).ToArray());
        foreach (var image in images)
        {
            var want = expected[image.GetProperty("name").GetString()!];
            Assert.AreEqual(want.Psnr, image.GetProperty("psnr").GetDouble(), 1e-4, image.GetProperty("name").GetString());
            Assert.AreEqual(want.Ssim, image.GetProperty("ssim").GetDouble(), 1e-5, image.GetProperty("name").GetString());
        }

        Assert.AreEqual(expected.Values.Average(v => v.Psnr), report.RootElement.GetProperty("meanPsnr").GetDouble(), 1e-4);
        Assert.AreEqual(expected.Values.Average(v => v.Ssim), report.RootElement.GetProperty("meanSsim").GetDouble(), 1e-5);
        Assert.AreEqual(expected.Count, report.RootElement.GetProperty("count").GetInt32());
        Assert.AreEqual(0, report.RootElement.GetProperty("failed").GetInt32());
    }

    [TestMethod]
    public void TableAndCsvShowEachImageAndTheMean()
    {
        using var folder = new TempFolder();
        var noisy = RepositoryPaths.DevImage("noisy_g25", "camera.png");
        var clean = Path.GetFullPath(RepositoryPaths.DevImage("clean", "camera.png"));

        var table = Zsn2n.Run(folder.Path, "eval", noisy, clean);
        var csv = Zsn2n.Run(folder.Path, "eval", noisy, DevFolder("clean"), "--csv");

        Assert.AreEqual(0, table.ExitCode, table.ToString());
        StringAssert.Contains(table.StdOut, "camera.png");
        StringAssert.Contains(table.StdOut, "20.71"); // scikit-image: 20.70996
        StringAssert.Contains(table.StdOut, "0.3940"); // scikit-image: 0.393984
        StringAssert.Contains(table.StdOut, "mean of 1");

        Assert.AreEqual(0, csv.ExitCode, csv.ToString());
        var lines = csv.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("name,denoised,clean,psnr,ssim,error", lines[0]);
        var row = lines[1].Split(',');
        Assert.AreEqual("camera.png", row[0]);
        Assert.AreEqual(clean, row[2]);
        Assert.AreEqual(20.70995972838146, double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture), 1e-4);
        Assert.AreEqual(0.3939837331210021, double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture), 1e-5);
        StringAssert.StartsWith(lines[2], "mean,,,");
    }

    [TestMethod]
    public void UnmatchedAndMismatchedImagesFailButTheOthersAreScored()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["out/camera.png"]);
        TestImages.WriteCleanGray(folder["clean/camera.tif"]);
        TestImages.WriteGray16(folder["out/orphan.png"]);
        TestImages.WriteColour8(folder["out/colour.png"]);
        TestImages.WriteCleanGray(folder["clean/colour.png"]);
        File.WriteAllText(folder["out/camera_compare.png"], "a denoise side output without a clean match: ignored");

        var run = Zsn2n.Run(folder.Path, "eval", "out", "clean", "--json");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(run.StdOut);
        var images = report.RootElement.GetProperty("images").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        CollectionAssert.AreEquivalent(new[] { "camera.png", "colour.png", "orphan.png" }, images.Keys.ToArray());
        Assert.AreEqual(folder["clean/camera.tif"], images["camera.png"].GetProperty("clean").GetString(), "matched by name without extension");
        Assert.IsGreaterThan(15, images["camera.png"].GetProperty("psnr").GetDouble());
        StringAssert.Contains(images["orphan.png"].GetProperty("error").GetString(), "no clean image");
        StringAssert.Contains(images["colour.png"].GetProperty("error").GetString(), "channel");
        Assert.AreEqual(1, report.RootElement.GetProperty("count").GetInt32());
        Assert.AreEqual(2, report.RootElement.GetProperty("failed").GetInt32());
        StringAssert.Contains(run.StdErr, "orphan.png");
    }

    [TestMethod]
    public void CsvWithJsonOrMissingInputIsAUsageError()
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["a.png"]);

        var both = Zsn2n.Run(folder.Path, "eval", "a.png", "a.png", "--csv", "--json");
        var missing = Zsn2n.Run(folder.Path, "eval", "a.png", "nothing.png");

        Assert.AreEqual(2, both.ExitCode, both.ToString());
        StringAssert.Contains(both.StdErr, "--csv");
        Assert.AreEqual(2, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.StdErr, "nothing.png");
    }
}
