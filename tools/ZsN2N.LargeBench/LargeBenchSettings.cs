using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Tools.Shared;

namespace ZsN2N.LargeBench;

/// <summary>The options every command of <c>zsn2n-largebench</c> takes.</summary>
internal abstract class LargeBenchSettings : CommandSettings
{
    [CommandOption("--threads <N>")]
    [Description("ONNX Runtime threads. Default: the processor count.")]
    public int? Threads { get; init; }

    /// <summary>The threads to run with.</summary>
    public int ThreadCount => Threads ?? Environment.ProcessorCount;

    /// <inheritdoc/>
    public override ValidationResult Validate() => OptionChecks.AtLeast("--threads", Threads, 1);
}
