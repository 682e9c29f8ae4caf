using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Help;
using ZsN2N.Ort.Options;
using ZsN2N.Shared;

namespace ZsN2N.Cli;

/// <summary>
/// The one place an exception escaping a command becomes a message on stderr and an exit code: the shell sees
/// <see cref="ExitCodes"/>, never a stack trace.
/// </summary>
internal static class CliErrors
{
    private static readonly Lazy<IAnsiConsole> Stderr = new(CreateStderr);

    /// <summary>Writes <paramref name="exception"/>, thrown for the command line <paramref name="args"/>, as one readable message and maps it to an exit code.</summary>
    public static int Handle(Exception exception, IReadOnlyList<string> args)
    {
        switch (exception)
        {
            case OperationCanceledException:
                Stderr.Value.MarkupLine("[yellow]Cancelled.[/]");
                return ExitCodes.Cancelled;

            // Parse errors, failed conversions and failed Validate() calls: the user's command line is wrong.
            case CommandAppException { Pretty: { } pretty }:
                Stderr.Value.Write(pretty);
                return ExitCodes.Usage;

            // Our converters explain themselves (e.g. which values --device takes) in a FormatException inside.
            case CommandAppException { InnerException: FormatException explained }:
                Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {explained.Message}");
                return ExitCodes.Usage;

            // A value that does not convert to its option's type: Spectre's message names the value and type
            // ("Nullable`1"), ours the option and the values it takes.
            case CommandAppException { InnerException: not null } conversion:
                Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {ConversionFailure.Describe(args, Requirement) ?? conversion.Message}");
                return ExitCodes.Usage;

            case CommandAppException usage:
                Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {usage.Message}");
                return ExitCodes.Usage;

            default:
                Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {exception.Message}");
                return ExitCodes.Failed;
        }
    }

    /// <summary>Writes a usage error found after parsing (e.g. while expanding input folders).</summary>
    public static int Usage(string message)
    {
        Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {message}");
        return ExitCodes.Usage;
    }

    /// <summary>Writes an error that stopped the run (not the command line's fault) and returns <see cref="ExitCodes.Failed"/>.</summary>
    public static int Failure(string message)
    {
        Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {message}");
        return ExitCodes.Failed;
    }

    // The engine's range of an option whose help states it, e.g. "between 1 and 10000000" for --iterations.
    private static string? Requirement(PropertyInfo option) =>
        option.GetCustomAttribute<RangeDescriptionAttribute>() is { } range ? OptionRanges.Named(range.Option).Requirement : null;

    private static IAnsiConsole CreateStderr()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            // Spectre assumes 80 columns without a terminal; keep a logged message on one line instead.
            console.Profile.Width = 1000;
        }

        return console;
    }
}
