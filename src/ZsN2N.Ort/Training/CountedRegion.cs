namespace ZsN2N.Ort.Training;

/// <summary>
/// The half-size pixels of one image of a <see cref="TrainingBatch"/> whose loss a step counts: rows
/// [<see cref="Top"/>, <see cref="Bottom"/>) and columns [<see cref="Left"/>, <see cref="Right"/>) of its pair.
/// </summary>
public readonly record struct CountedRegion(int Top, int Left, int Bottom, int Right)
{
    /// <summary>Counted half-size pixels.</summary>
    public long Area => (long)Math.Max(0, Bottom - Top) * Math.Max(0, Right - Left);

    /// <summary>
    /// The region of a <paramref name="batch"/>-shaped crop of a <paramref name="imageHeight"/> x <paramref name="imageWidth"/>
    /// image at (<paramref name="top"/>, <paramref name="left"/>): all but the batch's margins, except on the sides where
    /// the crop's edge is the image's edge, whose pixels see there the same zero padding as in the whole image and count.
    /// </summary>
    public static CountedRegion ForCrop(TrainingBatch batch, int top, int left, int imageHeight, int imageWidth)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new CountedRegion(
            top == 0 ? 0 : batch.MarginRows / 2,
            left == 0 ? 0 : batch.MarginColumns / 2,
            top + batch.Height == imageHeight ? batch.Height / 2 : batch.Height / 2 - batch.MarginRows / 2,
            left + batch.Width == imageWidth ? batch.Width / 2 : batch.Width / 2 - batch.MarginColumns / 2);
    }
}
