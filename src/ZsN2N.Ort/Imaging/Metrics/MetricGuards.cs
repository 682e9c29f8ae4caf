namespace ZsN2N.Ort.Imaging.Metrics;

/// <summary>Argument checks shared by the metrics.</summary>
internal static class MetricGuards
{
    /// <summary>Throws unless both images are non-null and have the same <c>[C, H, W]</c>.</summary>
    public static void RequireSameShape(PlanarImage reference, PlanarImage test)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(test);
        if (reference.Channels != test.Channels || reference.Height != test.Height || reference.Width != test.Width)
        {
            throw new ArgumentException(
                $"Images differ in shape: [{reference.Channels}, {reference.Height}, {reference.Width}] vs [{test.Channels}, {test.Height}, {test.Width}].",
                nameof(test));
        }
    }
}
