namespace ZsN2N.Ort.Imaging.Noise;

/// <summary>
/// Estimates from a noisy image alone whether its noise is pixel-independent or spatially correlated, and how strong it
/// is (docs/camera-noise.md). Per colour plane and axis, second differences at lag k cancel a locally linear signal:
/// <code>
///   h_k(p) = x(p - k) - 2 x(p) + x(p + k),   k = 1, 2
///   pixel-independent noise of variance s²:      Var h_1 = Var h_2 = 6 s²
///   noise of lag-j covariance C(j):               Var h_1 = 6C(0) - 8C(1) + 2C(2),  Var h_2 = 6C(0) - 8C(2) + 2C(4)
/// </code>
/// so neighbour correlation (demosaicing, JPEG, in-camera filtering) shrinks h_1 far more than h_2. Signal leaks into
/// both, so the ratio sqrt(Σ h_1² / Σ h_2²) is taken over the quarter of the 8x8 blocks with the least h_1² + h_2²
/// (the flattest), leaving out blocks that touch a clipped pixel (within 1/512 of 0 or 1: no noise there, which would
/// read as correlated); <see cref="NoiseEstimate.Ratio"/> is the median over planes and axes. The levels are
/// 1.4826 median|h_k| / sqrt(6) (the median absolute deviation, consistent for Gaussian noise), medians over planes
/// and axes. A few passes over the image; purely managed.
/// </summary>
internal static class NoiseEstimator
{
    /// <summary>The side of the blocks the flattest are chosen from.</summary>
    public const int BlockSize = 8;

    /// <summary>The smallest side the estimate needs: one block of second differences at lag 2 (two pixels lost at each end).</summary>
    public const int MinSide = BlockSize + 4;

    private const double ClippedMargin = 1.0 / 512;

    // The most values a median is taken over; larger images are sampled evenly, which moves a level by far less than it shows.
    private const int MedianSamples = 1 << 20;

    private const double MadToSigma = 1.4826;

    /// <summary>The estimate for <paramref name="image"/>'s colour planes (alpha is not looked at).</summary>
    /// <exception cref="ArgumentException">The image is smaller than <see cref="MinSide"/> on a side.</exception>
    public static NoiseEstimate Estimate(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Height < MinSide || image.Width < MinSide)
        {
            throw new ArgumentException($"A {image.Width}x{image.Height} image is too small to estimate its noise: it needs at least {MinSide}x{MinSide} pixels.", nameof(image));
        }

        var ratios = new List<double>();
        var sigmas1 = new List<double>();
        var sigmas2 = new List<double>();
        for (var c = 0; c < image.Channels; c++)
        {
            var values = image.GetPlane(c).ToArray();
            foreach (var vertical in new[] { true, false })
            {
                var plane = new Plane(values, image.Height, image.Width, vertical);
                ratios.Add(FlatRatio(plane));
                sigmas1.Add(Level(plane, 1));
                sigmas2.Add(Level(plane, 2));
            }
        }

        return new NoiseEstimate(Median(ratios), Median(sigmas1), Median(sigmas2));
    }

    // sqrt(Σ h_1² / Σ h_2²) over the flattest quarter of the unclipped blocks (of all blocks when every one is clipped).
    private static double FlatRatio(Plane plane)
    {
        var (blockRows, blockColumns) = (plane.Rows / BlockSize, plane.Columns / BlockSize);
        var blocks = new List<(double Energy, int Index, double Lag1, double Lag2, bool Clipped)>(blockRows * blockColumns);
        for (var bi = 0; bi < blockRows; bi++)
        {
            for (var bj = 0; bj < blockColumns; bj++)
            {
                double lag1 = 0, lag2 = 0;
                var clipped = false;
                for (var i = bi * BlockSize; i < (bi + 1) * BlockSize; i++)
                {
                    for (var j = bj * BlockSize; j < (bj + 1) * BlockSize; j++)
                    {
                        var (h1, h2) = (plane.SecondDifference(i, j, 1), plane.SecondDifference(i, j, 2));
                        lag1 += h1 * h1;
                        lag2 += h2 * h2;
                        clipped |= plane.IsClipped(i, j);
                    }
                }

                blocks.Add((lag1 + lag2, blocks.Count, lag1, lag2, clipped));
            }
        }

        var candidates = blocks.All(b => b.Clipped) ? blocks : blocks.Where(b => !b.Clipped).ToList();
        var kept = candidates.OrderBy(b => b.Energy).ThenBy(b => b.Index).Take(Math.Max(1, candidates.Count / 4)).ToList();
        var (sum1, sum2) = (kept.Sum(b => b.Lag1), kept.Sum(b => b.Lag2));

        // Flattest blocks without any variation hold no noise to measure: nothing says it is correlated.
        return sum2 == 0 ? 1 : Math.Sqrt(sum1 / sum2);
    }

    private static double Level(Plane plane, int lag)
    {
        long count = (long)plane.Rows * plane.Columns;
        var stride = (int)Math.Max(1, count / MedianSamples);
        var values = new double[(count + stride - 1) / stride];
        for (long k = 0, n = 0; k < count; k += stride, n++)
        {
            values[n] = Math.Abs(plane.SecondDifference((int)(k / plane.Columns), (int)(k % plane.Columns), lag));
        }

        return MadToSigma * Median(values) / Math.Sqrt(6);
    }

    // The median, the mean of the middle two of an even count.
    private static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// One colour plane seen along one axis: second differences at the centres two or more pixels from both ends of the
    /// axis (where lag 2 is defined), addressed as [Rows, Columns] with i along the rows of the plane.
    /// </summary>
    private readonly record struct Plane(float[] Values, int Height, int Width, bool Vertical)
    {
        public int Rows => Vertical ? Height - 4 : Height;

        public int Columns => Vertical ? Width : Width - 4;

        public double SecondDifference(int i, int j, int lag)
        {
            var (y, x) = Centre(i, j);
            var step = Vertical ? lag * Width : lag;
            var p = y * Width + x;
            return (double)Values[p - step] - 2.0 * Values[p] + Values[p + step];
        }

        public bool IsClipped(int i, int j)
        {
            var (y, x) = Centre(i, j);
            var value = Values[y * Width + x];
            return value <= ClippedMargin || value >= 1 - ClippedMargin;
        }

        private (int Y, int X) Centre(int i, int j) => Vertical ? (i + 2, j) : (i, j + 2);
    }
}
