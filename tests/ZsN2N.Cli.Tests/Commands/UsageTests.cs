using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;
using ZsN2N.Cli.Commands;
using ZsN2N.Cli.Tests.TestSupport;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>Command-line mistakes exit with 2 and a message naming the culprit; help documents every option.</summary>
[TestClass]
public sealed class UsageTests
{
    /// <summary>
    /// Every command of the CLI with what its Settings declare: option names (<c>--iterations</c>) and argument
    /// names (<c>INPUT</c>), read from the <see cref="CommandOptionAttribute"/> and <see cref="CommandArgumentAttribute"/>
    /// attributes, inherited ones included, so a new option is checked without editing this test.
    /// </summary>
    private static readonly IReadOnlyList<(string Command, string[] Names)> CommandsAndNames = typeof(DenoiseCommand).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(ICommand).IsAssignableFrom(t))
        .Select(t => (CommandName(t), SettingsNames(SettingsType(t))))
        .OrderBy(c => c.Item1, StringComparer.Ordinal)
        .ToArray();

    private static IEnumerable<object[]> Commands => CommandsAndNames.Select(c => new object[] { c.Command });

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
    [DataRow("denoise", "--iterations", "abc", "--iterations takes an integer, not 'abc'; it must be between 1 and 10000000.")]
    [DataRow("denoise", "--iterations", "99999999999", "--iterations takes an integer, not '99999999999'; it must be between 1 and 10000000.")]
    [DataRow("denoise", "--lr", "fast", "--lr takes a number, not 'fast'; it must be in (0, 10].")]
    [DataRow("denoise", "--patch-size", "big", "--patch-size takes an integer, not 'big'; it must be an even number between 16 and 65536.")]
    [DataRow("denoise", "--seed", "-1", "--seed takes an integer of at least 0, not '-1'.")]
    [DataRow("add-noise", "--seed", "1.5", "--seed takes an integer, not '1.5'.")]
    public void AValueThatIsNotOfItsOptionsTypeIsNamedWithTheOptionAndItsRange(string command, string option, string value, string message)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in.png"]);

        var run = Zsn2n.Run(folder.Path, command, "in.png", "-o", "out", option, value);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        Assert.AreEqual($"Error: {message}", run.StdErr.Trim());
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
    public void EveryCommandHasSettingsWithOptions()
    {
        CollectionAssert.IsSubsetOf(new[] { "add-noise", "apply", "denoise", "eval", "run" }, CommandsAndNames.Select(c => c.Command).ToArray());
        CollectionAssert.Contains(Names("denoise"), "--patch-lr-factor");
        CollectionAssert.Contains(Names("denoise"), "--output", "inherited from BatchSettings");
        CollectionAssert.Contains(Names("eval"), "DENOISED");
    }

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void CommandHelpListsEveryOptionOfItsSettings(string command)
    {
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, command, "--help");

        Assert.AreEqual(0, run.ExitCode, $"is '{command}' the name Program.cs gives the command?\n{run}");
        foreach (var name in Names(command))
        {
            StringAssert.Contains(run.StdOut, name, $"zsn2n {command} --help");
        }
    }

    [TestMethod]
    public void HelpListsEveryCommandAndOptionAndTheExitCodes()
    {
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, "--help");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        foreach (var (command, names) in CommandsAndNames)
        {
            StringAssert.Contains(run.StdOut, $"zsn2n {command}");
            foreach (var name in names)
            {
                StringAssert.Contains(run.StdOut, name);
            }
        }

        StringAssert.Contains(run.StdOut, "Exit codes");
        StringAssert.Contains(run.StdOut, "130");
    }

    [TestMethod]
    public void EveryOptionInHelpIsInTheCliReference()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cli.md"));
        var commands = CommandsAndNames.Select(c => $"zsn2n {c.Command}");
        foreach (var text in CommandsAndNames.SelectMany(c => c.Names).Concat(commands).Concat(["130", "sbatch", "Indexed", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"]))
        {
            StringAssert.Contains(reference, text);
        }
    }

    private static string[] Names(string command) => CommandsAndNames.Single(c => c.Command == command).Names;

    // Program.cs names each command after its class: AddNoiseCommand is "add-noise".
    private static string CommandName(Type command) =>
        Regex.Replace(command.Name.Replace("Command", "", StringComparison.Ordinal), "(?<!^)([A-Z])", "-$1").ToLowerInvariant();

    private static Type SettingsType(Type command)
    {
        for (var type = command.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
            {
                return settings;
            }
        }

        throw new InvalidOperationException($"{command.Name} does not derive from Command<TSettings>.");
    }

    private static string[] SettingsNames(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .SelectMany(p => p.GetCustomAttribute<CommandOptionAttribute>() is { } option
                ? option.LongNames.Select(n => $"--{n}")
                : p.GetCustomAttribute<CommandArgumentAttribute>() is { } argument ? [argument.ValueName] : [])
            .ToArray();
}
