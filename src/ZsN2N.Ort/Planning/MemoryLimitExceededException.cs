using System.Globalization;
using ZsN2N.Ort.Models;

namespace ZsN2N.Ort.Planning;

/// <summary>
/// Thrown before a run starts when its <see cref="TrainingPlan.Memory"/> exceeds the memory limit
/// (<see cref="TrainingPlan.MemoryLimitBytes"/>); the message names the image, the parts of the estimate and the options
/// to change. Nothing has been allocated when it is thrown.
/// </summary>
public sealed class MemoryLimitExceededException : Exception
{
    /// <summary>Creates the exception for <paramref name="plan"/>, which is over its limit.</summary>
    public MemoryLimitExceededException(TrainingPlan plan)
        : base(Describe(plan ?? throw new ArgumentNullException(nameof(plan))))
    {
        Plan = plan;
    }

    /// <summary>The refused plan.</summary>
    public TrainingPlan Plan { get; }

    /// <summary>What the refused run would have needed.</summary>
    public MemoryEstimate Estimate => Plan.Memory;

    /// <summary>The limit it was checked against, in bytes.</summary>
    public long LimitBytes => Plan.MemoryLimitBytes;

    private static string Describe(TrainingPlan plan)
    {
        var (estimate, options) = (plan.Memory, plan.Options);
        var (patchSize, tileSize, features) = (options.PatchTraining.Size, options.Execution.TileSize, options.Network.Features);
        var advice = new List<string>();
        if (!plan.UsesCrops && estimate.TrainingBytes >= estimate.InferenceBytes)
        {
            advice.Add($"train on crops (PatchTraining.Mode = Always, PatchTraining.Size = {patchSize})");
        }
        else if (plan.UsesCrops && estimate.TrainingBytes >= estimate.InferenceBytes)
        {
            advice.Add($"use smaller crops (PatchTraining.Size below {patchSize})");
        }

        if (estimate.InferenceBytes > estimate.TrainingBytes)
        {
            advice.Add(tileSize == 0 ? $"tile inference (Execution.TileSize = {DenoiserModel.DefaultTileSize})" : $"use smaller tiles (Execution.TileSize below {tileSize})");
        }

        if (features > 16)
        {
            advice.Add($"use fewer features (Network.Features, now {features})");
        }

        advice.Add($"raise the limit (Limits.MemoryBytes, now {MiB(plan.MemoryLimitBytes)}) if the machine has the memory");
        var training = plan.UsesCrops ? $"training on {plan.Batch.Width}x{plan.Batch.Height} crops" : "training on the whole image";
        var inference = tileSize == 0 ? "untiled inference" : $"inference in {tileSize}-pixel tiles";
        return $"Denoising this {plan.Width}x{plan.Height} image ({training}, {inference}) "
            + $"would need about {MiB(estimate.TotalBytes)} (training {MiB(estimate.TrainingBytes)}, inference {MiB(estimate.InferenceBytes)}, "
            + $"images {MiB(estimate.ImageBytes)}, runtime {MiB(estimate.RuntimeBytes)}), more than the limit of {MiB(plan.MemoryLimitBytes)}. "
            + $"To fit: {string.Join("; or ", advice)}.";
    }

    private static string MiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F0} MiB");
}
