using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Shared;

namespace ZsN2N.Tools.Shared;

/// <summary>
/// The command-line conventions of every tool in tools/, in one place: strict parsing (an unknown option or a stray
/// argument is refused, never ignored), numbers in the invariant culture, and one exception handler, so that a bad
/// command line exits with <see cref="Usage"/> and a message naming the option, and a failure with
/// <see cref="Failed"/> and the tool's name. Shared (linked) by the tool projects.
/// </summary>
internal static class ToolApp
{
    /// <summary>The run failed: an input could not be read, an output not written, or a bug.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown option, a missing one, or a value out of range.</summary>
    public const int Usage = 2;

    private static readonly Lazy<IAnsiConsole> Stderr = new(CreateStderr);

    /// <summary>
    /// Runs <paramref name="app"/>, the tool named <paramref name="name"/> (its executable's name), on
    /// <paramref name="args"/> with these conventions; <paramref name="configure"/> adds its commands and examples.
    /// </summary>
    /// <returns>The exit code.</returns>
    public static int Run(ICommandApp app, string name, string[] args, Action<IConfigurator> configure)
    {
        app.Configure(config =>
        {
            config.SetApplicationName(name);
            config.SetApplicationCulture(CultureInfo.InvariantCulture);
            config.UseStrictParsing();
            config.Settings.ShowOptionDefaultValues = true;
            config.SetExceptionHandler((exception, _) => Handle(name, args, exception));
            config.ValidateExamples();
            configure(config);
        });
        return app.Run(args);
    }

    private static int Handle(string name, string[] args, Exception exception)
    {
        switch (exception)
        {
            // Parse errors (unknown option or command, missing value) point at the culprit in the command line.
            case CommandAppException { Pretty: { } pretty }:
                Stderr.Value.Write(pretty);
                return Usage;

            // A value that does not convert: Spectre's message names the value and type, ours the option.
            case CommandAppException { InnerException: not null } conversion:
                Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {ConversionFailure.Describe(args) ?? conversion.Message}");
                return Usage;

            // A missing required option, or a failed Validate(): the message names the option.
            case CommandAppException usage:
                Stderr.Value.MarkupLineInterpolated($"[red]Error:[/] {usage.Message}");
                return Usage;

            // Thrown on purpose by the file system or the engine: the message says what is wrong.
            case IOException or InvalidDataException or UnauthorizedAccessException:
            case Exception when exception.GetType().Namespace?.StartsWith("ZsN2N", StringComparison.Ordinal) == true:
                Console.Error.WriteLine($"{name}: {exception.Message}");
                return Failed;

            default:
                Console.Error.WriteLine($"{name}: {exception}");
                return Failed;
        }
    }

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
