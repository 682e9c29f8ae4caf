using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;
using ZsN2N.Tools.Shared;

namespace ZsN2N.LargeBench;

/// <summary>
/// <c>zsn2n-largebench memory</c>: peak working set of training steps on an N x N colour image, or of inference in one
/// N x N tile, to calibrate MemoryEstimator (run each size in a fresh process).
/// </summary>
internal sealed class MemoryCommand : Command<MemoryCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Peak working set of training steps on an N x N colour image, or of inference in one N x N tile, to calibrate "
        + "MemoryEstimator (run each size in a fresh process).";

    /// <summary>What <c>memory</c> measures.</summary>
    internal enum Phase
    {
        /// <summary>Training steps.</summary>
        Train,

        /// <summary>Inference in one tile.</summary>
        Infer,
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var size = settings.Size;
        var threads = settings.ThreadCount;
        var image = new GaussianNoise(0.1, 3).Apply(new PlanarImage(3, size, size));
        var before = Process.GetCurrentProcess().WorkingSet64;
        var artifacts = ArtifactStore.Shared.Get(3, 48, settings.Network);
        if (settings.Phase == Phase.Train)
        {
            using var session = new TrainingSession(artifacts, image.Pixels.ToArray(), size, size, artifacts.Initial.Tensors, ExecutionDevice.Cpu, threads);
            for (var i = 0; i < settings.Steps; i++)
            {
                session.Step(1e-4f);
            }
        }
        else
        {
            var model = DenoiserModel.Create(artifacts, artifacts.Initial.Tensors);
            DenoiserEnsemble.Combine([model], settings.SelfEnsemble).Apply(image, threads, ExecutionDevice.Cpu, 0);
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"{settings.Phase.ToString().ToLowerInvariant()} {size}x{size}: start {before / 1048576.0:F0} MiB, peak {peak / 1048576.0:F0} MiB");
        return 0;
    }

    /// <summary>The command line of <c>zsn2n-largebench memory</c>.</summary>
    internal sealed class Settings : LargeBenchSettings
    {
        [CommandOption("--phase <PHASE>")]
        [Description("train: training steps on the whole image; infer: inference in one tile of that size.")]
        [DefaultValue(Phase.Train)]
        public Phase Phase { get; init; }

        [CommandOption("--size <N>")]
        [Description("Side of the colour image or tile.")]
        [DefaultValue(256)]
        public int Size { get; init; }

        [CommandOption("--steps <N>")]
        [Description("Training steps (train only).")]
        [DefaultValue(20)]
        public int Steps { get; init; }

        [CommandOption("--network <NETWORK>")]
        [Description("paper or deep.")]
        [DefaultValue(NetworkKind.Paper)]
        public NetworkKind Network { get; init; }

        [CommandOption("--self-ensemble")]
        [Description("Average over the 8 flips and rotations (infer only).")]
        public bool SelfEnsemble { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.All(
            base.Validate(),
            OptionChecks.AtLeast("--size", Size, 2),
            OptionChecks.AtLeast("--steps", Steps, 1));
    }
}
