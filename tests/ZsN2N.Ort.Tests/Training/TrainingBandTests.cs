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
        using var runner = new OrtRunner(artifacts.Training);
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

    /// <summary>A batch of two crops has the mean of the two crops' losses and gradients, each on its own.</summary>
    [TestMethod]
    public void ABatchOfCropsIsTheMeanOfItsCrops()
    {
        const int channels = 3, height = 14, width = 12;
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, channels, 8, seed: 5);
        var first = TestRandom.Uniform(12, channels * height * width, 0f, 1f);
        var second = TestRandom.Uniform(13, channels * height * width, 0f, 1f);
        var batch = new TrainingBatch(2, height, width);
        var band = TrainingBand.Split(height, 1, artifacts.ReceptiveFieldRadius)[0];
        var alone = new TrainingBatch(1, height, width);

        using var batchRunner = new OrtRunner(TrainingGraph.ForBatch(artifacts.Training, 2));
        var batched = batchRunner.Run(Inputs(artifacts, [.. first, .. second], [2, channels, height, width], LossWeights.For(batch, band, channels), [1, 1, height / 2, width / 2]));
        using var runner = new OrtRunner(artifacts.Training);
        var each = new[] { first, second }.Select(image => runner.Run(Inputs(artifacts, image, [1, channels, height, width], LossWeights.For(alone, band, channels), [1, 1, height / 2, width / 2]))).ToArray();

        foreach (var (name, values) in batched)
        {
            var mean = each[0][name].Zip(each[1][name], (a, b) => (a + b) / 2).ToArray();
            var error = mean.Zip(values, (e, a) => Math.Abs(e - a)).Max() / mean.Max(Math.Abs);
            Assert.IsLessThan(1e-5, error, $"{name}: the batch is off by {error:E2} of its largest element");
        }
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

        var inputs = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            [TrainingGraph.ImageInput] = (rows, [1, channels, band.InputHeight, width]),
            [TrainingGraph.LossWeightsInput] = (LossWeights.For(new TrainingBatch(1, height, width), band, channels), [1, 1, band.HalfHeight, width / 2]),
        };
        foreach (var parameter in artifacts.Initial.Tensors)
        {
            // Scaled up so that f's output matters next to x and the consistency term's gradient is not negligible.
            inputs[parameter.Name] = (parameter.Values.Select(v => v * 3f).ToArray(), parameter.Shape);
        }

        return runner.Run(inputs);
    }
}
