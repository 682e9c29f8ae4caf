namespace ZsN2N.Tools.Tests;

/// <summary>
/// Every tool in tools/ documents each option in its help, refuses an unknown option and a bad value with exit code 2
/// and a message naming the option, and runs nothing then.
/// </summary>
[TestClass]
public sealed class CommandLineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static IEnumerable<object[]> Commands => ToolCommand.All.Select(c => new object[] { c.Tool, c.Name });

    public static IEnumerable<object[]> Tools => ToolCommand.Tools.Select(t => new object[] { t });

    [TestMethod]
    public void EveryToolAndCommandIsFound()
    {
        CollectionAssert.AreEquivalent(
            new[] { "zsn2n-artifactgen", "zsn2n-bench", "zsn2n-fuzzhost", "zsn2n-largebench bench", "zsn2n-largebench compare",
                "zsn2n-largebench memory", "zsn2n-parity compare-case", "zsn2n-parity dump-case", "zsn2n-parity train-case", "zsn2n-quality" },
            ToolCommand.All.Select(c => c.ToString()).ToArray());
        CollectionAssert.IsSubsetOf(new[] { "--threads", "--data", "--source" }, Command("zsn2n-largebench", "bench").Options.ToArray(), "inherited options count");
    }

    [TestMethod]
    [DynamicData(nameof(Tools))]
    public void ToolHelpListsEveryCommand(string tool)
    {
        var (exitCode, stdout, stderr) = Run(ToolCommand.DllOf(tool), ["--help"]);

        Assert.AreEqual(0, exitCode, $"{stdout}\n{stderr}");
        StringAssert.Contains(stdout, $"{tool} ");
        foreach (var command in ToolCommand.All.Where(c => c.Tool == tool))
        {
            StringAssert.Contains(stdout, command.Name);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void HelpListsEveryOption(string tool, string name)
    {
        var command = Command(tool, name);

        var (exitCode, stdout, stderr) = Run(command.Dll, command.Args("--help"));

        Assert.AreEqual(0, exitCode, $"is '{name}' the name Program.cs gives the command?\n{stdout}\n{stderr}");
        foreach (var option in command.Options)
        {
            StringAssert.Contains(stdout, option, $"{command} --help");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void AnUnknownOptionIsRefused(string tool, string name)
    {
        var command = Command(tool, name);

        var (exitCode, stdout, stderr) = Run(command.Dll, command.Args("--no-such-option", "1"));

        Assert.AreEqual(2, exitCode, $"{stdout}\n{stderr}");
        StringAssert.Contains(stderr, "Unknown option 'no-such-option'");
        Assert.AreEqual("", stdout);
    }

    [TestMethod]
    [DataRow("zsn2n-bench", "--noisy in.png --steps abc", "--steps takes an integer, not 'abc'")]
    [DataRow("zsn2n-bench", "--noisy in.png --threads 0", "--threads must be at least 1, not 0")]
    [DataRow("zsn2n-bench", "--noisy in.png --preset slow", "--preset takes one of official, fast, not 'slow'")]
    [DataRow("zsn2n-bench", "--noisy in.png --seed=-1", "--seed takes an integer of at least 0, not '-1'")]
    [DataRow("zsn2n-bench", "--steps 3", "noisy")]
    [DataRow("zsn2n-largebench", "--megapixels 0", "--megapixels must be above 0, not 0")]
    [DataRow("zsn2n-largebench", "memory --phase trian", "--phase takes one of train, infer, not 'trian'")]
    [DataRow("zsn2n-largebench", "memory --network wide", "--network takes one of paper, deep, not 'wide'")]
    [DataRow("zsn2n-largebench", "compare --patch-sizes 128,x", "--patch-sizes takes integers of at least 2 separated by commas, not '128,x'")]
    [DataRow("zsn2n-quality", "--runs runs", "dev")]
    [DataRow("zsn2n-quality", "--runs runs --dev dev --threads 0", "--threads must be at least 1, not 0")]
    [DataRow("zsn2n-fuzzhost", "--seconds 0", "--seconds must be above 0, not 0")]
    [DataRow("zsn2n-fuzzhost", "--max-cases many", "--max-cases takes an integer, not 'many'")]
    [DataRow("zsn2n-parity", "dump-case --image in.png --out case --crop 33", "--crop must be even")]
    [DataRow("zsn2n-parity", "train-case --case case --steps 0", "--steps must be at least 1, not 0")]
    [DataRow("zsn2n-parity", "compare-case --case case --at 0,10", "--at takes integers of at least 1 separated by commas, not '0,10'")]
    [DataRow("zsn2n-parity", "frobnicate", "Unknown command 'frobnicate'")]
    public void ABadValueIsRefusedNamingTheOption(string tool, string args, string message)
    {
        var (exitCode, stdout, stderr) = Run(ToolCommand.DllOf(tool), args.Split(' '));

        Assert.AreEqual(2, exitCode, $"{stdout}\n{stderr}");
        StringAssert.Contains(stderr, message);
        Assert.AreEqual("", stdout);
    }

    [TestMethod]
    public void AFlagTakesTrueAsDocsWriteIt()
    {
        var (exitCode, stdout, stderr) = Run(ToolCommand.DllOf("zsn2n-largebench"),
            ["memory", "--phase", "infer", "--size", "16", "--network", "deep", "--self-ensemble", "true", "--threads", "1"]);

        Assert.AreEqual(0, exitCode, stderr);
        StringAssert.StartsWith(stdout, "infer 16x16: start ");
    }

    private static ToolCommand Command(string tool, string name) => ToolCommand.All.Single(c => c.Tool == tool && c.Name == name);

    private static (int ExitCode, string StdOut, string StdErr) Run(string dll, IReadOnlyList<string> args) =>
        DotnetApp.Run(dll, Path.GetTempPath(), Timeout, args);
}
