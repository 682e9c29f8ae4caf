using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Training;
using ZsN2N.Parity.Npy;
using ZsN2N.Tools.Shared;

namespace ZsN2N.Parity.Commands;

/// <summary>
/// <c>train-case --case DIR --steps N [--threads T]</c>: trains from the case's image and initial parameters with
/// <see cref="TrainingSession"/> on the official schedule (Adam, lr 1e-3 halved every 1000 steps) and writes the
/// loss of every step, before its update, as <c>ours_losses.npy</c> [N].
/// </summary>
internal sealed class TrainCaseCommand : Command<TrainCaseCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Trains from the case's image and initial parameters on the official schedule (Adam, lr 1e-3 halved every 1000 steps) "
        + "and writes the loss of every step, before its update, as ours_losses.npy [[N]].";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var parityCase = new ParityCase(settings.Case);
        var (steps, threads) = (settings.Steps, settings.Threads);

        var image = parityCase.ReadImage();
        var parameters = parityCase.ReadParameters();
        var (channels, height, width) = ((int)image.Shape[1], (int)image.Shape[2], (int)image.Shape[3]);
        var features = (int)parameters[0].Shape[0];
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, channels, features);
        var schedule = new StepLrSchedule();

        var losses = new float[steps];
        using var session = new TrainingSession(artifacts, image.ToSingles(), height, width, parameters, threads: threads);
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < steps; step++)
        {
            losses[step] = session.Step(schedule.At(step));
        }

        clock.Stop();
        NpyWriter.Write(parityCase.LossesPath(ParityCase.OursPrefix), losses, [steps]);
        Console.WriteLine(Json.Line(new()
        {
            ["case"] = parityCase.Directory,
            ["steps"] = steps,
            ["threads"] = threads,
            ["first_loss"] = losses[0],
            ["final_loss"] = losses[^1],
            ["ms_per_step"] = Math.Round(clock.Elapsed.TotalMilliseconds / steps, 3),
        }));
        return 0;
    }

    /// <summary>The command line of <c>train-case</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--case <DIR>", isRequired: true)]
        [Description("The case folder dump-case wrote.")]
        public string Case { get; init; } = "";

        [CommandOption("--steps <N>", isRequired: true)]
        [Description("Training steps.")]
        public int Steps { get; init; }

        [CommandOption("--threads <N>")]
        [Description("ONNX Runtime threads.")]
        [DefaultValue(1)]
        public int Threads { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.All(
            OptionChecks.AtLeast("--steps", Steps, 1),
            OptionChecks.AtLeast("--threads", Threads, 1));
    }
}
