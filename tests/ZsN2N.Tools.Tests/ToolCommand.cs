using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace ZsN2N.Tools.Tests;

/// <summary>
/// One command of a tool in tools/, read by reflection from the tool's assembly (copied next to the tests): its name on
/// the command line and the options its Settings declare, inherited ones included, so a new command or option is
/// checked without editing the tests.
/// </summary>
/// <param name="Tool">The tool's assembly name, e.g. <c>zsn2n-largebench</c>.</param>
/// <param name="Name">The command's name, or empty for a tool of one command, which runs without a name.</param>
/// <param name="Options">The long names of its options, e.g. <c>--steps</c>.</param>
internal sealed record ToolCommand(string Tool, string Name, IReadOnlyList<string> Options)
{
    /// <summary>The assembly names of the tools.</summary>
    public static IReadOnlyList<string> Tools { get; } =
        ["zsn2n-artifactgen", "zsn2n-bench", "zsn2n-fuzzhost", "zsn2n-largebench", "zsn2n-parity", "zsn2n-quality"];

    /// <summary>Every command of every tool.</summary>
    public static IReadOnlyList<ToolCommand> All { get; } = Tools.SelectMany(Of).ToArray();

    /// <summary>The tool's assembly beside the tests.</summary>
    public string Dll => DllOf(Tool);

    /// <summary>The command line that selects this command, followed by <paramref name="args"/>.</summary>
    public string[] Args(params string[] args) => Name.Length == 0 ? args : [Name, .. args];

    /// <inheritdoc/>
    public override string ToString() => $"{Tool} {Name}".TrimEnd();

    /// <summary>The assembly of the tool <paramref name="tool"/> beside the tests.</summary>
    public static string DllOf(string tool) => Path.Combine(AppContext.BaseDirectory, tool + ".dll");

    // Commands of a tool with several are named after their class, as its Program.cs names them: DumpCaseCommand is "dump-case".
    private static IEnumerable<ToolCommand> Of(string tool)
    {
        var commands = Assembly.LoadFrom(DllOf(tool)).GetTypes().Where(t => !t.IsAbstract && typeof(ICommand).IsAssignableFrom(t)).ToArray();
        return commands.Select(c => new ToolCommand(
            tool,
            commands.Length == 1 ? "" : Regex.Replace(c.Name.Replace("Command", "", StringComparison.Ordinal), "(?<!^)([A-Z])", "-$1").ToLowerInvariant(),
            OptionsOf(SettingsType(c))));
    }

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

    private static string[] OptionsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(p => p.GetCustomAttribute<CommandOptionAttribute>()?.LongNames ?? [])
            .Select(n => $"--{n}")
            .ToArray();
}
