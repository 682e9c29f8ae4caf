namespace ZsN2N.Ort.Training;

/// <summary>
/// Splits training images into their stride-2 pixel-shuffle sub-images, on which camera noise is trained
/// (docs/camera-noise.md): each image [C, H, W] of a batch becomes the 4 images x[:, a::2, b::2] of [C, ⌊H/2⌋, ⌊W/2⌋],
/// a, b in {0, 1}, at batch index 4n + 2a + b (the order ONNX SpaceToDepth gives them at inference). The official loss
/// and network then train on that batch unchanged, at the same pixels per step. An odd last row or column is left out,
/// as the pair downsampler leaves it out of the official loss. Purely managed.
/// </summary>
internal static class PixelShuffleSplit
{
    /// <summary>Sub-images per image: 2 x 2.</summary>
    public const int SubImages = 4;

    /// <summary>The batch of sub-images <paramref name="images"/> split into.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An image is smaller than 4x4, so a sub-image would be smaller than the pair downsampler's 2x2.</exception>
    public static TrainingBatch Of(TrainingBatch images)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(images.Height, 4, nameof(images.Height));
        ArgumentOutOfRangeException.ThrowIfLessThan(images.Width, 4, nameof(images.Width));
        return new TrainingBatch(images.Count * SubImages, images.Height / 2, images.Width / 2);
    }

    /// <summary>
    /// Writes the sub-images of <paramref name="images"/>, laid out as <paramref name="batch"/> with
    /// <paramref name="channels"/> channels, into <paramref name="subImages"/>, laid out as <see cref="Of"/>(<paramref name="batch"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A span's length does not match its layout.</exception>
    public static void Split(ReadOnlySpan<float> images, TrainingBatch batch, int channels, Span<float> subImages)
    {
        var split = Of(batch);
        if (images.Length != batch.Length(channels) || subImages.Length != split.Length(channels))
        {
            throw new ArgumentException($"{images.Length} values split into {subImages.Length}; [{batch.Count}, {channels}, {batch.Height}, {batch.Width}] into [{split.Count}, {channels}, {split.Height}, {split.Width}] needs {batch.Length(channels)} into {split.Length(channels)}.");
        }

        var (height, width) = (split.Height, split.Width);
        for (var n = 0; n < batch.Count; n++)
        {
            for (var phase = 0; phase < SubImages; phase++)
            {
                var (a, b) = Math.DivRem(phase, 2);
                for (var c = 0; c < channels; c++)
                {
                    var plane = images.Slice((n * channels + c) * batch.Height * batch.Width, batch.Height * batch.Width);
                    var target = subImages.Slice(((n * SubImages + phase) * channels + c) * height * width, height * width);
                    for (var y = 0; y < height; y++)
                    {
                        var row = plane.Slice((2 * y + a) * batch.Width, batch.Width);
                        var targetRow = target.Slice(y * width, width);
                        for (var x = 0; x < width; x++)
                        {
                            targetRow[x] = row[2 * x + b];
                        }
                    }
                }
            }
        }
    }
}
