using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// What every command that writes one output per input shares: the output folder and <c>--quiet</c>. Commands add
/// their own INPUT arguments (their positions differ: <c>apply</c> takes the model first).
/// </summary>
internal abstract class BatchSettings : CommandSettings
{
    [CommandOption("-o|--output <OUTDIR>")]
    [Description("Folder for the results (created if missing). Required.")]
    public string? Output { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("No progress output: only failures (on stderr) and the final summary.")]
    public bool Quiet { get; init; }

    /// <summary>The input arguments, checked to exist by <see cref="Validate"/>.</summary>
    public abstract IReadOnlyList<string> InputPaths { get; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Output))
        {
            return ValidationResult.Error("Missing -o|--output <OUTDIR>: the folder to write the results to.");
        }

        if (File.Exists(Output))
        {
            return ValidationResult.Error($"--output '{Output}' is a file; it must be a folder.");
        }

        if (InputPaths.FirstOrDefault(input => !File.Exists(input) && !Directory.Exists(input)) is { } missing)
        {
            return ValidationResult.Error($"Input '{missing}' does not exist.");
        }

        return ValidationResult.Success();
    }
}
