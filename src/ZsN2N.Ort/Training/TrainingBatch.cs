using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Ort.Training;

/// <summary>
/// What one training step sees: <see cref="Count"/> images of <see cref="Height"/> x <see cref="Width"/> pixels (the
/// whole image, or random crops of it), laid out [Count, C, Height, Width]. The loss is the paper's over all of them:
/// one mean over the half-size pixels of every image's pair.
/// </summary>
/// <param name="Count">Images per step, 1 or more.</param>
/// <param name="Height">Rows of each image, at least 2.</param>
/// <param name="Width">Columns of each image, at least 2.</param>
internal sealed record TrainingBatch(int Count, int Height, int Width)
{
    /// <summary>Values per step: Count x C x Height x Width.</summary>
    public long Length(int channels) => (long)Count * channels * Height * Width;

    /// <summary>The weight of one half-size pixel in the loss: <see cref="TrainingGraph.PixelWeight"/> of this batch.</summary>
    public float PixelWeight(int channels) => TrainingGraph.PixelWeight(Count, channels, Height, Width);

    /// <summary>Checks the sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(Height, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 2);
    }
}
