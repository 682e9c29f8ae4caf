namespace ZsN2N.Ort.Training;

/// <summary>
/// The training graph's <c>loss_weights</c> for one band of a batch, [1, 1, band's half-size rows, ⌊width/2⌋]: each
/// half-size pixel the band owns weighs <see cref="TrainingBatch.PixelWeight"/>, so the bands' losses add up to the
/// batch's mean; the halo rows it only reads weigh 0.
/// </summary>
internal static class LossWeights
{
    /// <summary>The values for <paramref name="band"/> of <paramref name="batch"/>.</summary>
    public static float[] For(TrainingBatch batch, TrainingBand band, int channels)
    {
        var halfWidth = batch.Width / 2;
        var weights = new float[band.HalfHeight * halfWidth];
        weights.AsSpan(band.OwnOffset * halfWidth, (band.Bottom - band.Top) * halfWidth).Fill(batch.PixelWeight(channels));
        return weights;
    }
}
