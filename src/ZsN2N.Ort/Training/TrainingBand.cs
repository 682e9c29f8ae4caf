namespace ZsN2N.Ort.Training;

/// <summary>
/// A horizontal band of a training image that one run of the training graph covers: it reads the full-resolution
/// rows [<see cref="InputTop"/>, <see cref="InputBottom"/>) and counts the loss of the half-size rows
/// [<see cref="Top"/>, <see cref="Bottom"/>) of the whole image's pair (<see cref="LossWeights"/>). The rows it reads around those carry the
/// receptive field, so the band's share of the loss and of every gradient is exactly the whole image's share for
/// those rows, and the bands' gradients add up to the whole image's.
/// </summary>
internal readonly record struct TrainingBand(int InputTop, int InputBottom, int Top, int Bottom)
{
    /// <summary>Full-resolution rows the band reads.</summary>
    public int InputHeight => InputBottom - InputTop;

    /// <summary>Rows of the band's own half-size pair (the pair downsampler drops an odd last row).</summary>
    public int HalfHeight => InputHeight / 2;

    /// <summary>The first of the band's own rows within its half-size pair.</summary>
    public int OwnOffset => Top - InputTop / 2;

    /// <summary>
    /// Splits the half-size rows of a <paramref name="height"/>-row image into <paramref name="count"/> near-equal bands,
    /// each reading <paramref name="radius"/> half-size rows (2 × radius full-size rows) beyond its own on each side that
    /// has them: f on the half-size pair needs radius rows around a counted row, and f on the full image, whose output
    /// is downsampled into the consistency target, needs radius full-size rows around each of the 2 rows it averages.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one half-size row per band, or a negative radius.</exception>
    public static TrainingBand[] Split(int height, int count, int radius)
    {
        var halfHeight = height / 2;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, halfHeight);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var bands = new TrainingBand[count];
        for (var i = 0; i < count; i++)
        {
            var top = (int)((long)i * halfHeight / count);
            var bottom = (int)((long)(i + 1) * halfHeight / count);

            // The last band also reads an odd last row: f on the full image sees it as a neighbour of the row above.
            var inputBottom = bottom + radius >= halfHeight ? height : 2 * (bottom + radius);
            bands[i] = new TrainingBand(2 * Math.Max(0, top - radius), inputBottom, top, bottom);
        }

        return bands;
    }

    /// <summary>
    /// The band count for <paramref name="threads"/> threads on <paramref name="halfRows"/> half-size rows: one band per
    /// thread, but no band owning fewer than <paramref name="minRows"/> rows, where its halo would cost more than the
    /// thread gains.
    /// </summary>
    public static int Count(int halfRows, int threads, int minRows) =>
        Math.Clamp(halfRows / Math.Max(1, minRows), 1, Math.Max(1, threads));
}
