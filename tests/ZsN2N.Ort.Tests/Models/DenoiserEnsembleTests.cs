using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Tests.Models;

[TestClass]
public sealed class DenoiserEnsembleTests
{
    private static readonly DenoiseOptions Short = new() { Schedule = new() { Iterations = 20 }, Network = new() { Features = 8 }, Execution = new() { Threads = 1 } };

    private static readonly PlanarImage Training = DevCrops.Load("noisy_g25", "home.png", 40, 40, 32, 32);

    private static readonly DenoiserModel First = new Denoiser(Short).Denoise(Training).Model;

    private static readonly DenoiserModel Second = new Denoiser(Short with { Seed = 1 }).Denoise(Training).Model;

    // 23 x 17 and colour: a transpose changes the shape, so a mixed-up axis cannot go unnoticed.
    private static readonly PlanarImage Image = DevCrops.Load("noisy_g50", "home.png", 5, 9, 17, 23);

    [TestMethod]
    public void SelfEnsembleEqualsTheMeanOfTheEightTransformedOutputs()
    {
        var expected = new float[Image.Pixels.Length];
        foreach (var transform in DihedralTransform.All)
        {
            var output = Untransform(Apply(First, Transform(Image, transform)), transform);
            for (var i = 0; i < expected.Length; i++)
            {
                expected[i] += output.Pixels[i] / 8;
            }
        }

        var ensemble = DenoiserEnsemble.Combine([First], selfEnsemble: true);
        var actual = Apply(ensemble, Image).Pixels.ToArray();

        AssertClose(expected, actual, 1e-5f);
        var plain = Apply(First, Image).Pixels.ToArray();
        Assert.IsGreaterThan(1e-3f, MaxDifference(plain, actual), "the self-ensemble equals the plain output: the transforms did nothing");
    }

    [TestMethod]
    public void EnsembleOfTwoModelsIsTheMeanOfTheirOutputs()
    {
        var first = Apply(First, Image).Pixels.ToArray();
        var second = Apply(Second, Image).Pixels.ToArray();

        var actual = Apply(DenoiserEnsemble.Combine([First, Second], selfEnsemble: false), Image).Pixels.ToArray();

        AssertClose(first.Zip(second, (a, b) => (a + b) / 2).ToArray(), actual, 1e-6f);
        Assert.IsGreaterThan(1e-3f, MaxDifference(first, second), "two seeds trained the same model");
    }

    [TestMethod]
    public void SavedEnsembleReloadsAndTilesLikeTheOriginal()
    {
        var ensemble = DenoiserEnsemble.Combine([First, Second], selfEnsemble: true);
        var path = Path.Combine(Path.GetTempPath(), $"zsn2n-{Guid.NewGuid():N}.onnx");
        try
        {
            ensemble.Save(path);
            var loaded = DenoiserModel.Load(path);

            var whole = ensemble.Apply(Image, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray();
            CollectionAssert.AreEqual(whole, loaded.Apply(Image, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray());
            AssertClose(whole, loaded.Apply(Image, 1, ExecutionDevice.Cpu, 16).Pixels.ToArray(), 1e-5f);
            Assert.AreEqual(3, loaded.Channels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void OneModelWithoutSelfEnsembleIsReturnedAsItIs()
    {
        Assert.AreSame(First, DenoiserEnsemble.Combine([First], selfEnsemble: false));
    }

    [TestMethod]
    public void MembersMustAgreeOnChannels()
    {
        var grey = new Denoiser(Short with { Schedule = Short.Schedule with { Iterations = 1 } }).Denoise(DevCrops.Load("noisy_g25", "camera.png", 0, 0, 8, 8)).Model;

        var error = Assert.ThrowsExactly<ArgumentException>(() => DenoiserEnsemble.Combine([First, grey], selfEnsemble: false));
        StringAssert.Contains(error.Message, "3, 1");
        Assert.ThrowsExactly<ArgumentException>(() => DenoiserEnsemble.Combine([], selfEnsemble: true));
    }

    [TestMethod]
    public void TheEightTransformsAreDistinctAndStartWithTheIdentity()
    {
        Assert.HasCount(8, DihedralTransform.All.Distinct());
        Assert.AreEqual(DihedralTransform.Identity, DihedralTransform.All[0]);
        Assert.AreEqual("t_r_c", new DihedralTransform(true, true, true).ToString());
    }

    private static PlanarImage Apply(DenoiserModel model, PlanarImage image) => model.Apply(image, 1, ExecutionDevice.Cpu, 0);

    private static PlanarImage Transform(PlanarImage image, DihedralTransform transform) => Remap(image, transform, inverse: false);

    private static PlanarImage Untransform(PlanarImage image, DihedralTransform transform) => Remap(image, transform, inverse: true);

    // Written pixel by pixel from the definition, independently of the graph's Transpose and Slice nodes: pixel (y, x) of
    // the transformed image is pixel (sy, sx) of the original; the inverse copies the other way.
    private static PlanarImage Remap(PlanarImage source, DihedralTransform transform, bool inverse)
    {
        var (height, width) = transform.Transpose ? (source.Width, source.Height) : (source.Height, source.Width);
        var result = new PlanarImage(source.Channels, height, width);
        var (transformed, original) = inverse ? (source, result) : (result, source);
        for (var c = 0; c < source.Channels; c++)
        {
            for (var y = 0; y < transformed.Height; y++)
            {
                for (var x = 0; x < transformed.Width; x++)
                {
                    var (sy, sx) = (transform.FlipRows ? transformed.Height - 1 - y : y, transform.FlipColumns ? transformed.Width - 1 - x : x);
                    if (transform.Transpose)
                    {
                        (sy, sx) = (sx, sy);
                    }

                    if (inverse)
                    {
                        original.GetRow(c, sy)[sx] = transformed.GetRow(c, y)[x];
                    }
                    else
                    {
                        transformed.GetRow(c, y)[x] = original.GetRow(c, sy)[sx];
                    }
                }
            }
        }

        return result;
    }

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.HasCount(expected.Length, actual);
        var worst = MaxDifference(expected, actual);
        Assert.IsLessThanOrEqualTo(tolerance, worst, $"largest difference {worst}");
    }
}
