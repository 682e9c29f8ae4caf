using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Tests.TestSupport;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Training;

[TestClass]
public sealed class TrainingBandTests
{
    [TestMethod]
    public void BandsCountEveryHalfSizeRowOnceAndReadTheirHaloWithinTheImage()
    {
        var bands = TrainingBand.Split(75, 4, 2);

        Assert.AreEqual(0, bands[0].Top);
        Assert.AreEqual(37, bands[^1].Bottom);
        for (var i = 0; i < bands.Length; i++)
        {
            var band = bands[i];
            Assert.IsTrue(band.Top < band.Bottom, $"band {i} counts no row");
            Assert.AreEqual(i == 0 ? 0 : bands[i - 1].Bottom, band.Top, $"band {i} does not start where the last ended");
            Assert.AreEqual(0, band.InputTop % 2, $"band {i} starts off the 2x2 grid");
            Assert.AreEqual(Math.Max(0, 2 * (band.Top - 2)), band.InputTop, $"band {i} top halo");
            Assert.AreEqual(i == bands.Length - 1 ? 75 : 2 * (band.Bottom + 2), band.InputBottom, $"band {i} bottom halo");
            Assert.AreEqual(band.Top, band.InputTop / 2 + band.OwnOffset);
            Assert.IsTrue(band.OwnOffset + band.Bottom - band.Top <= band.HalfHeight, $"band {i} owns rows it does not read");
        }
    }

    [TestMethod]
    [DataRow(128, 2, 32, 2)]
    [DataRow(128, 16, 32, 4)]
    [DataRow(50, 2, 32, 1)]
    [DataRow(12, 8, 32, 1)]
    [DataRow(256, 1, 32, 1)]
    public void OneBandPerThreadUnlessTheBandsWouldBeTooThin(int countedRows, int threads, int minRows, int expected) =>
        Assert.AreEqual(expected, TrainingBand.Count(countedRows, threads, minRows));

    /// <summary>
    /// The bands' losses and gradients, each from the training graph on the band's rows with its loss weights,
    /// add up to the whole image's: odd height and width, bands that do not divide the rows, both channel counts.
    /// </summary>
    [TestMethod]
    [DataRow(3, 37, 21, 3)]
    [DataRow(1, 30, 17, 2)]
    public void BandGradientsAddUpToTheWholeImageGradient(int channels, int height, int width, int count)
    {
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, channels, 8, seed: 3);
        var image = TestRandom.Uniform(11, channels * height * width, 0f, 1f);
        using var runner = new OrtRunner(TrainingGraph.ForBatch(artifacts.Training, 1));
        var whole = Run(runner, artifacts, image, channels, height, width, new TrainingBand(0, height, 0, height / 2));

        var bands = TrainingBand.Split(height, count, artifacts.ReceptiveFieldRadius);
        var summed = bands.Select(b => Run(runner, artifacts, image, channels, height, width, b))
            .Aggregate((a, b) => a.ToDictionary(p => p.Key, p => p.Value.Zip(b[p.Key], (x, y) => x + y).ToArray()));

        foreach (var (name, expected) in whole)
        {
            var scale = expected.Max(Math.Abs);
            var error = expected.Zip(summed[name], (e, a) => Math.Abs(e - a)).Max() / scale;
            Assert.IsLessThan(1e-5, error, $"{name}: the bands' sum is off by {error:E2} of its largest element");
        }
    }

    /// <summary>
    /// A batch of crops read with margins counts, for each crop, exactly the whole image's loss terms at the pixels it
    /// counts: its own, and its margin on the sides where its edge is the image's (the top and left of the first crop
    /// here). The batch's loss and gradients equal the whole image's with loss weights on those pixels alone.
    /// </summary>
    [TestMethod]
    public void ACropBatchWithMarginsCountsTheWholeImagesLossAtTheCropsOwnPixels()
    {
        const int channels = 3, height = 40, width = 34, margin = 4;
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, channels, 8, seed: 5);
        var image = TestRandom.Uniform(12, channels * height * width, 0f, 1f);
        var batch = new TrainingBatch(2, 22, 18, margin, margin);
        (int Top, int Left)[] origins = [(0, 0), (14, 12)];
        var regions = origins.Select(o => CountedRegion.ForCrop(batch, o.Top, o.Left, height, width)).ToArray();
        Assert.AreEqual(new CountedRegion(0, 0, 9, 7), regions[0], "the first crop counts its top and left margins");
        Assert.AreEqual(new CountedRegion(2, 2, 9, 7), regions[1]);

        var crops = new float[batch.Length(channels)];
        for (var k = 0; k < origins.Length; k++)
        {
            for (var c = 0; c < channels; c++)
            {
                for (var y = 0; y < batch.Height; y++)
                {
                    image.AsSpan((c * height + origins[k].Top + y) * width + origins[k].Left, batch.Width)
                        .CopyTo(crops.AsSpan(((k * channels + c) * batch.Height + y) * batch.Width));
                }
            }
        }

        using var batchRunner = new OrtRunner(TrainingGraph.ForBatch(artifacts.Training, batch.Count));
        var weights = new float[2 * batch.Count * (batch.Height / 2) * (batch.Width / 2)];
        LossWeights.Fill(weights, batch, TrainingBand.Split(batch.Height, 1, artifacts.ReceptiveFieldRadius)[0], regions, channels);
        var batched = batchRunner.Run(Inputs(artifacts, crops, [batch.Count, channels, batch.Height, batch.Width], weights, [2 * batch.Count, 1, batch.Height / 2, batch.Width / 2]));

        var pixelWeight = (float)(1.0 / (2.0 * channels * regions.Sum(r => r.Area)));
        using var wholeRunner = new OrtRunner(artifacts.Training);
        var summed = origins.Zip(regions, (origin, region) =>
        {
            var whole = new float[height / 2 * (width / 2)];
            for (var row = origin.Top / 2 + region.Top; row < origin.Top / 2 + region.Bottom; row++)
            {
                whole.AsSpan(row * (width / 2) + origin.Left / 2 + region.Left, region.Right - region.Left).Fill(pixelWeight);
            }

            return wholeRunner.Run(Inputs(artifacts, image, [1, channels, height, width], whole, [1, 1, height / 2, width / 2]));
        }).Aggregate((a, b) => a.ToDictionary(p => p.Key, p => p.Value.Zip(b[p.Key], (x, y) => x + y).ToArray()));

        foreach (var (name, expected) in summed)
        {
            var scale = expected.Max(Math.Abs);
            var error = expected.Zip(batched[name], (e, a) => Math.Abs(e - a)).Max() / scale;
            Assert.IsLessThan(1e-5, error, $"{name}: the batch is off by {error:E2} of its largest element");
        }
    }

    [TestMethod]
    public void ACropCountsItsMarginOnlyWhereItsEdgeIsTheImages()
    {
        var batch = new TrainingBatch(1, 20, 16, 4, 4);

        Assert.AreEqual(new CountedRegion(2, 2, 8, 6), CountedRegion.ForCrop(batch, 10, 10, 100, 100), "inside");
        Assert.AreEqual(new CountedRegion(0, 2, 10, 6), CountedRegion.ForCrop(batch, 0, 10, 20, 100), "as tall as the image");
        Assert.AreEqual(new CountedRegion(2, 2, 8, 8), CountedRegion.ForCrop(batch, 10, 84, 100, 100), "at the right edge");
        Assert.AreEqual(new CountedRegion(2, 2, 8, 6), CountedRegion.ForCrop(batch, 80, 10, 101, 100), "an odd last row is not the crop's edge");
    }

    private static Dictionary<string, (float[] Values, long[] Shape)> Inputs(TrainingArtifacts artifacts, float[] image, long[] imageShape, float[] weights, long[] weightsShape)
    {
        var inputs = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            [TrainingGraph.ImageInput] = (image, imageShape),
            [TrainingGraph.LossWeightsInput] = (weights, weightsShape),
        };
        foreach (var parameter in artifacts.Initial.Tensors)
        {
            inputs[parameter.Name] = (parameter.Values.Select(v => v * 3f).ToArray(), parameter.Shape);
        }

        return inputs;
    }

    // The loss and gradients of the training graph on one band of the image, with the band's loss weights.
    private static Dictionary<string, float[]> Run(OrtRunner runner, TrainingArtifacts artifacts, float[] image, int channels, int height, int width, TrainingBand band)
    {
        var rows = new float[channels * band.InputHeight * width];
        for (var c = 0; c < channels; c++)
        {
            image.AsSpan((c * height + band.InputTop) * width, band.InputHeight * width).CopyTo(rows.AsSpan(c * band.InputHeight * width));
        }

        var batch = new TrainingBatch(1, height, width);
        var weights = new float[2 * band.HalfHeight * (width / 2)];
        LossWeights.Fill(weights, batch, band, [batch.DefaultRegion], channels);
        var inputs = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            [TrainingGraph.ImageInput] = (rows, [1, channels, band.InputHeight, width]),
            [TrainingGraph.LossWeightsInput] = (weights, [2, 1, band.HalfHeight, width / 2]),
        };
        foreach (var parameter in artifacts.Initial.Tensors)
        {
            // Scaled up so that f's output matters next to x and the consistency term's gradient is not negligible.
            inputs[parameter.Name] = (parameter.Values.Select(v => v * 3f).ToArray(), parameter.Shape);
        }

        return runner.Run(inputs);
    }
}
