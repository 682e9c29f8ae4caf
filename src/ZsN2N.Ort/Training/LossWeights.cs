namespace ZsN2N.Ort.Training;

/// <summary>
/// Fills the training graph's <c>loss_weights</c> for one band of a batch, laid out [2·Count, 1, band's half-size rows,
/// ⌊width/2⌋] like the pair [D₁ of every image; D₂ of every image]: each counted half-size pixel of the batch weighs one
/// over the counted elements of the pair, 2·C·Σ areas, so the loss is their mean; every other pixel weighs 0.
/// </summary>
internal static class LossWeights
{
    /// <summary>The values for <paramref name="band"/> of a batch whose images count <paramref name="regions"/>.</summary>
    public static void Fill(Span<float> weights, TrainingBatch batch, TrainingBand band, ReadOnlySpan<CountedRegion> regions, int channels)
    {
        var halfWidth = batch.Width / 2;
        var plane = band.HalfHeight * halfWidth;
        long counted = 0;
        foreach (var region in regions)
        {
            counted += region.Area;
        }

        var weight = (float)(1.0 / (2.0 * channels * counted));
        weights.Clear();
        for (var k = 0; k < regions.Length; k++)
        {
            var region = regions[k];
            for (var row = Math.Max(region.Top, band.Top); row < Math.Min(region.Bottom, band.Bottom); row++)
            {
                var offset = (row - band.InputTop / 2) * halfWidth + region.Left;
                weights.Slice(k * plane + offset, region.Right - region.Left).Fill(weight);
                weights.Slice((regions.Length + k) * plane + offset, region.Right - region.Left).Fill(weight);
            }
        }
    }
}
