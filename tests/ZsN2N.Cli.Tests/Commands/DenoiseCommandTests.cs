using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>One <c>zsn2n denoise</c> run over a 16-bit grey and an 8-bit colour image, checked from several sides.</summary>
[TestClass]
public sealed class DenoiseCommandTests
{
    private const int Iterations = 20;
    private static TempFolder s_folder = null!;
    private static CliRun s_run = null!;

    private static string Gray => s_folder["in/gray16.png"];

    private static string Colour => s_folder["in/colour8.png"];

    private static string OutputFolder => s_folder["out"];

    private static string ReportPath => s_folder["out/report.json"];

    [ClassInitialize]
    public static void RunOnce(TestContext context)
    {
        s_folder = new TempFolder();
        TestImages.WriteGray16(Gray);
        TestImages.WriteColour8(Colour);
        s_run = Zsn2n.Run(s_folder.Path,
            "denoise", Gray, Colour, "-o", OutputFolder, "--iterations", $"{Iterations}", "--width", "8", "--threads", "1",
            "--export-onnx", "--report", ReportPath);
    }

    [ClassCleanup]
    public static void CleanUp() => s_folder?.Dispose();

    [TestMethod]
    public void ExitsZero() => Assert.AreEqual(0, s_run.ExitCode, s_run.ToString());

    [TestMethod]
    [DataRow("gray16", 1, 16)]
    [DataRow("colour8", 3, 8)]
    public void OutputKeepsTheInputsSizeChannelsAndBitDepth(string name, int channels, int bitDepth)
    {
        var output = Path.Combine(OutputFolder, name + ".png");
        Assert.IsTrue(File.Exists(output), s_run.ToString());

        var image = ImageIo.Read(output);
        Assert.AreEqual(TestImages.Width, image.Width);
        Assert.AreEqual(TestImages.Height, image.Height);
        Assert.AreEqual(channels, image.Channels);
        Assert.AreEqual(bitDepth, image.BitDepth);
        Assert.AreEqual(ImageFormat.Png, image.SourceFormat);
    }

    [TestMethod]
    [DataRow("gray16", 1)]
    [DataRow("colour8", 3)]
    public void ExportedModelLoadsInOnnxRuntime(string name, int channels)
    {
        var model = Path.Combine(OutputFolder, name + ".onnx");
        Assert.IsTrue(File.Exists(model), s_run.ToString());

        using var session = new InferenceSession(model);
        var input = session.InputMetadata.Single();
        Assert.AreEqual("image", input.Key);
        Assert.AreEqual(channels, input.Value.Dimensions[1]);
        Assert.IsTrue(session.OutputMetadata.ContainsKey("denoised"));
    }

    [TestMethod]
    public void ReportListsEveryImageWithItsNumbers()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(ReportPath));
        var root = report.RootElement;
        Assert.AreEqual(2, root.GetProperty("succeeded").GetInt32());
        Assert.AreEqual(0, root.GetProperty("failed").GetInt32());
        Assert.AreEqual(Iterations, root.GetProperty("settings").GetProperty("iterations").GetInt32());

        var images = root.GetProperty("images").EnumerateArray().ToArray();
        Assert.HasCount(2, images);
        (string Path, int Channels, int BitDepth)[] expected = [(Gray, 1, 16), (Colour, 3, 8)];
        foreach (var (entry, want) in images.Zip(expected))
        {
            Assert.AreEqual(want.Path, entry.GetProperty("path").GetString());
            Assert.AreEqual("succeeded", entry.GetProperty("status").GetString());
            Assert.AreEqual(TestImages.Width, entry.GetProperty("width").GetInt32());
            Assert.AreEqual(TestImages.Height, entry.GetProperty("height").GetInt32());
            Assert.AreEqual(want.Channels, entry.GetProperty("channels").GetInt32());
            Assert.AreEqual(want.BitDepth, entry.GetProperty("bitDepth").GetInt32());
            Assert.AreEqual(Iterations, entry.GetProperty("iterations").GetInt32());
            Assert.IsGreaterThan(0, entry.GetProperty("seconds").GetDouble());
            var loss = entry.GetProperty("finalLoss").GetDouble();
            Assert.IsTrue(double.IsFinite(loss) && loss > 0, $"final loss {loss}");
            Assert.IsFalse(entry.TryGetProperty("error", out _));
            Assert.IsTrue(File.Exists(entry.GetProperty("output").GetString()));
            Assert.IsTrue(File.Exists(entry.GetProperty("model").GetString()));
        }
    }

    [TestMethod]
    public void RedirectedOutputShowsPlainProgressLinesWithTheLoss()
    {
        StringAssert.Contains(s_run.StdOut, $"[1/2] gray16.png: step {Iterations}/{Iterations} loss ");
        StringAssert.Contains(s_run.StdOut, $"[2/2] colour8.png: step {Iterations}/{Iterations} loss ");
        StringAssert.Contains(s_run.StdOut, "Denoised 2 of 2 images");
        Assert.DoesNotContain("\u001b[", s_run.StdOut, "no ANSI escapes when redirected");
    }

    [TestMethod]
    public void LeavesNoTemporaryFiles() =>
        Assert.IsEmpty(Directory.GetFiles(OutputFolder, "*.tmp"));
}
