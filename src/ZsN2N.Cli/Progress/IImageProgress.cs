using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>One image's line or bar: the engine reports training steps into it, the command reports how it ended.</summary>
internal interface IImageProgress : IProgress<TrainingProgress>
{
    /// <summary>The image was written; <paramref name="finalLoss"/> is the last step's loss.</summary>
    void Succeeded(float finalLoss, TimeSpan elapsed);

    /// <summary>The image failed with <paramref name="error"/>; the batch goes on.</summary>
    void Failed(string error);
}
