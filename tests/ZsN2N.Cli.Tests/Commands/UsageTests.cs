using ZsN2N.Cli.Tests.TestSupport;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>Command-line mistakes exit with 2 and a message naming the culprit; help documents every option.</summary>
[TestClass]
public sealed class UsageTests
{
    private static readonly string[] Commands = ["denoise", "run", "add-noise", "eval", "apply"];

    private static readonly string[] Options =
    [
        "--output", "--iterations", "--lr", "--step-size", "--gamma", "--width", "--seed", "--threads", "--parallel", "--device", "--quality", "--ensemble", "--self-ensemble", "--shift-augment",
        "--patch-training", "--patch-size", "--patches", "--preset", "--network",
        "--export-onnx", "--report", "--reference", "--compare", "--plot", "--skip-existing", "--shard", "--quiet",
        "--gaussian", "--degree", "--poisson", "--depth", "--csv", "--json", "CONFIG", "MODEL", "DENOISED", "CLEAN",
    ];

    [TestMethod]
    [DataRow("--iterations", "0", "--iterations")]
    [DataRow("--lr", "0", "--lr")]
    [DataRow("--gamma", "1.5", "--gamma")]
    [DataRow("--width", "0", "--width")]
    [DataRow("--threads", "0", "--threads")]
    [DataRow("--device", "gpu", "--device")]
    [DataRow("--no-such-option", "1", "no-such-option")]
    public void BadOptionExitsWithUsageErrorNamingIt(string option, string value, string named)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "in.png", "-o", "out", option, value);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, named);
        Assert.IsFalse(Directory.Exists(folder["out"]), "nothing is written for a bad command line");
    }

    [TestMethod]
    public void MissingOutputExitsWithUsageError()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "in.png");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "--output");
    }

    [TestMethod]
    public void MissingInputExitsWithUsageErrorNamingTheFile()
    {
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, "denoise", "missing.png", "-o", "out");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "missing.png");
    }

    [TestMethod]
    public void OutputOverInputFolderIsRefused()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in/x.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "in", "-o", "in");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "overwrite");
    }

    [TestMethod]
    public void FolderWithoutImagesIsAUsageError()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["empty"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "empty", "-o", "out");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "No image files");
    }

    [TestMethod]
    public void HelpListsEveryOptionAndTheExitCodes()
    {
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, "--help");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        foreach (var command in Commands)
        {
            StringAssert.Contains(run.StdOut, $"zsn2n {command}");
        }

        foreach (var option in Options)
        {
            StringAssert.Contains(run.StdOut, option);
        }

        StringAssert.Contains(run.StdOut, "Exit codes");
        StringAssert.Contains(run.StdOut, "130");
    }

    [TestMethod]
    public void EveryOptionInHelpIsInTheCliReference()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        foreach (var text in Options.Concat(Commands.Select(c => $"zsn2n {c}")).Concat(["130", "sbatch", "Indexed", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"]))
        {
            StringAssert.Contains(reference, text);
        }
    }
}
