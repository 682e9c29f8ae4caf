using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Training;

[TestClass]
public sealed class PatchSamplerTests
{
    private static readonly PlanarImage Image = DevCrops.Load("noisy_g25", "home.png", 0, 0, 41, 37);

    [TestMethod]
    public void TheSameSeedDrawsTheSameCropsAnotherSeedOthers()
    {
        var first = Draw(new PatchSampler(Image, 16, 12, 5), 20);
        var again = Draw(new PatchSampler(Image, 16, 12, 5), 20);
        var other = Draw(new PatchSampler(Image, 16, 12, 6), 20);

        CollectionAssert.AreEqual(first, again);
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public void OriginsAreEvenInsideTheImageAndReachBothEnds()
    {
        var origins = Draw(new PatchSampler(Image, 16, 12, 1), 400);

        Assert.IsTrue(origins.All(o => o.Top % 2 == 0 && o.Left % 2 == 0), "an origin is odd");
        Assert.IsTrue(origins.All(o => o.Top >= 0 && o.Top + 16 <= 41 && o.Left >= 0 && o.Left + 12 <= 37), "a crop leaves the image");
        Assert.AreEqual(0, origins.Min(o => o.Top));
        Assert.AreEqual(24, origins.Max(o => o.Top));
        Assert.AreEqual(24, origins.Max(o => o.Left));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void EveryPixelIsInAboutAsManyCropsAsTheMiddleOne(bool anyOrigin)
    {
        const int height = 120, width = 200, cropHeight = 32, cropWidth = 48, draws = 40_000;
        var sampler = new PatchSampler(new PlanarImage(1, height, width), cropHeight, cropWidth, 3, anyOrigin);
        var rows = new int[height];
        var columns = new int[width];

        for (var i = 0; i < draws; i++)
        {
            var (top, left) = sampler.NextOrigin();
            for (var y = top; y < top + cropHeight; y++)
            {
                rows[y]++;
            }

            for (var x = left; x < left + cropWidth; x++)
            {
                columns[x]++;
            }
        }

        // Origins drawn uniformly inside the image would put the edge rows in 16 (32 with any origin) times fewer crops than the middle ones.
        // Clamping leaves the edge as often trained as the middle and the band a crop wide inside it at most twice as often.
        foreach (var (coverage, name) in new[] { (rows, "row"), (columns, "column") })
        {
            double middle = coverage[coverage.Length / 2];
            Assert.IsGreaterThan(0.9 * middle, coverage.Min(), $"an edge {name} is under-trained");
            Assert.IsLessThan(2.0 * middle, coverage.Max(), $"a {name} near the edge is over-trained");
            Assert.AreEqual(middle, coverage[0], 0.1 * middle, $"the first {name} is trained as often as the middle one");
        }
    }

    [TestMethod]
    public void ShiftSamplingReachesEveryOriginOddOrEven()
    {
        var origins = Draw(new PatchSampler(Image, 39, 34, 2, anyOrigin: true, evenCoverage: false), 400);

        CollectionAssert.AreEquivalent(new[] { 0, 1, 2 }, origins.Select(o => o.Top).Distinct().ToArray());
        CollectionAssert.AreEquivalent(new[] { 0, 1, 2, 3 }, origins.Select(o => o.Left).Distinct().ToArray());
    }

    [TestMethod]
    public void ACropHoldsTheImagePixelsAtItsOrigin()
    {
        var sampler = new PatchSampler(Image, 10, 8, 9);
        var crop = new float[sampler.Length];

        var (top, left) = sampler.Next(crop);

        var expected = DevCrops.Crop(Image, top, left, 10, 8).Pixels.ToArray();
        CollectionAssert.AreEqual(expected, crop);
    }

    private static List<(int Top, int Left)> Draw(PatchSampler sampler, int count) =>
        Enumerable.Range(0, count).Select(_ => sampler.NextOrigin()).ToList();
}
