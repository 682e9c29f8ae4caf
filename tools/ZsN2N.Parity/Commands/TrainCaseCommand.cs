using System.Diagnostics;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Training;
using ZsN2N.Parity.Npy;

namespace ZsN2N.Parity.Commands;

/// <summary>
/// <c>train-case --case DIR --steps N [--threads T]</c>: trains from the case's image and initial parameters with
/// <see cref="TrainingSession"/> on the official schedule (Adam, lr 1e-3 halved every 1000 steps) and writes the
/// loss of every step, before its update, as <c>ours_losses.npy</c> [N].
/// </summary>
public static class TrainCaseCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "train-case";

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(CommandArguments arguments)
    {
        var parityCase = new ParityCase(arguments.Required("case"));
        var steps = arguments.Int("steps");
        var threads = arguments.Int("threads", 1);
        arguments.EnsureAllRead();

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
}
