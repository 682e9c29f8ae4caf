using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>
/// One image's line or bar: the engine reports training steps into it, the command reports how it ended. Exactly one
/// of <see cref="Succeeded"/> and <see cref="Failed"/> is called per image; it advances the overall count. One image's
/// display is used by one thread; the displays of images trained at once may be used at the same time.
/// </summary>
internal interface IImageProgress : IProgress<TrainingProgress>
{
    /// <summary>The image's outputs were written; <paramref name="detail"/> says what came out, e.g. the final loss and PSNR.</summary>
    void Succeeded(string detail, TimeSpan elapsed);

    /// <summary>The image failed with <paramref name="error"/>; the batch goes on.</summary>
    void Failed(string error);
}
