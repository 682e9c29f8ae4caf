using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Models;

[TestClass]
public sealed class PixelShuffleDenoiserTests
{
    // A model that changes its input visibly: 20 steps of a narrow network on a noisy crop.
    private static readonly DenoiserModel Plain =
        new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 20 }, Network = new() { Features = 8 }, Execution = new() { Threads = 1 } }).Denoise(DevCrops.Load("noisy_g50", "home.png", 40, 40, 32, 32)).Model;

    // Odd on both sides, colour: the graph pads a row and a column, and a mixed-up axis or sub-image cannot go unnoticed.
    private static readonly PlanarImage Image = CameraPhoto.Noisy(5, 9, 29, 35);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ComposedEqualsThePlainModelOnEachSubImage(bool secondPass)
    {
        // Written from the definition, independently of the graph's SpaceToDepth and DepthToSpace: reflect-pad to even
        // sides, denoise x[a::2, b::2] for each (a, b) with the plain model, put each pixel back where it came from.
        var padded = ReflectPadToEven(Image);
        var merged = new PlanarImage(Image.Channels, padded.Height, padded.Width);
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                var sub = Apply(Plain, SubImage(padded, a, b));
                for (var c = 0; c < Image.Channels; c++)
                {
                    for (var y = 0; y < sub.Height; y++)
                    {
                        for (var x = 0; x < sub.Width; x++)
                        {
                            merged.GetRow(c, 2 * y + a)[2 * x + b] = sub.GetRow(c, y)[x];
                        }
                    }
                }
            }
        }

        var expected = Crop(secondPass ? Apply(Plain, merged) : merged, Image.Height, Image.Width).Pixels.ToArray();

        var composed = PixelShuffleDenoiser.Compose(Plain, secondPass);
        var actual = Apply(composed, Image).Pixels.ToArray();

        AssertClose(expected, actual, 1e-5f);
        Assert.IsGreaterThan(1e-2f, MaxDifference(actual, Apply(Plain, Image).Pixels.ToArray()), "the composed model equals the plain one");
        Assert.AreEqual((secondPass ? 6 : 4, 2, 3), (composed.ReceptiveFieldRadius, composed.TileAlignment, composed.Channels));
    }

    [TestMethod]
    [DataRow(false, 16)]
    [DataRow(true, 16)]
    [DataRow(true, 23)]
    public void TiledEqualsUntiledOnAnOddSizedImage(bool selfEnsemble, int tileSize)
    {
        // 45 x 61: neither side is a multiple of the tile size; tiles meet inside the image on both axes, and with the
        // self-ensemble flipped tiles put the image's top and left border at their bottom and right.
        var image = CameraPhoto.Noisy(7, 11, 45, 61);
        var model = DenoiserEnsemble.Combine([PixelShuffleDenoiser.Compose(Plain, secondPass: true)], selfEnsemble);

        var untiled = model.Apply(image, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray();
        var tiled = model.Apply(image, 1, ExecutionDevice.Cpu, tileSize).Pixels.ToArray();

        AssertClose(untiled, tiled, 1e-5f);
        Assert.AreEqual(2, model.TileAlignment);
    }

    [TestMethod]
    public void SavedModelReloadsWithItsRadiusAndAlignment()
    {
        var composed = PixelShuffleDenoiser.Compose(Plain, secondPass: true);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "camera.onnx");
        composed.Save(path);

        var loaded = DenoiserModel.Load(path);

        Assert.AreEqual((6, 2), (loaded.ReceptiveFieldRadius, loaded.TileAlignment));
        CollectionAssert.AreEqual(Apply(composed, Image).Pixels.ToArray(), Apply(loaded, Image).Pixels.ToArray());
    }

    [TestMethod]
    public void APixelShuffleDenoiserIsNotComposedAgain()
    {
        var composed = PixelShuffleDenoiser.Compose(Plain, secondPass: false);

        var error = Assert.ThrowsExactly<ArgumentException>(() => PixelShuffleDenoiser.Compose(composed, secondPass: false));

        StringAssert.Contains(error.Message, "tile alignment 2");
    }

    private static PlanarImage Apply(DenoiserModel model, PlanarImage image) => model.Apply(image, 1, ExecutionDevice.Cpu, 0);

    // numpy's and ONNX's "reflect": the row after the last is the one before it.
    private static PlanarImage ReflectPadToEven(PlanarImage image)
    {
        var (height, width) = (image.Height + image.Height % 2, image.Width + image.Width % 2);
        var padded = new PlanarImage(image.Channels, height, width);
        for (var c = 0; c < image.Channels; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    padded.GetRow(c, y)[x] = image.GetRow(c, y < image.Height ? y : 2 * image.Height - 2 - y)[x < image.Width ? x : 2 * image.Width - 2 - x];
                }
            }
        }

        return padded;
    }

    private static PlanarImage SubImage(PlanarImage image, int a, int b)
    {
        var sub = new PlanarImage(image.Channels, image.Height / 2, image.Width / 2);
        for (var c = 0; c < image.Channels; c++)
        {
            for (var y = 0; y < sub.Height; y++)
            {
                for (var x = 0; x < sub.Width; x++)
                {
                    sub.GetRow(c, y)[x] = image.GetRow(c, 2 * y + a)[2 * x + b];
                }
            }
        }

        return sub;
    }

    private static PlanarImage Crop(PlanarImage image, int height, int width) => DevCrops.Crop(image, 0, 0, height, width);

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.HasCount(expected.Length, actual);
        var worst = MaxDifference(expected, actual);
        Assert.IsLessThanOrEqualTo(tolerance, worst, $"largest difference {worst}");
    }
}
