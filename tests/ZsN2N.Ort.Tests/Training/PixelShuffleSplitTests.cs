using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Training;

[TestClass]
public sealed class PixelShuffleSplitTests
{
    [TestMethod]
    public void EachSubImageTakesEverySecondPixelFromItsPhase()
    {
        // Two 2-channel images of 5 x 7: the odd last row and column are left out, as the pair downsampler leaves them out.
        var batch = new TrainingBatch(2, 5, 7);
        var images = Enumerable.Range(0, (int)batch.Length(2)).Select(i => (float)i).ToArray();
        var split = PixelShuffleSplit.Of(batch);
        var subImages = new float[split.Length(2)];

        PixelShuffleSplit.Split(images, batch, 2, subImages);

        Assert.AreEqual(new TrainingBatch(8, 2, 3), split);
        for (var n = 0; n < 2; n++)
        {
            for (var a = 0; a < 2; a++)
            {
                for (var b = 0; b < 2; b++)
                {
                    for (var c = 0; c < 2; c++)
                    {
                        for (var y = 0; y < 2; y++)
                        {
                            for (var x = 0; x < 3; x++)
                            {
                                var expected = images[((n * 2 + c) * 5 + 2 * y + a) * 7 + 2 * x + b];
                                Assert.AreEqual(expected, subImages[((((n * 4) + 2 * a + b) * 2 + c) * 2 + y) * 3 + x], $"image {n}, sub-image ({a}, {b}), channel {c}, ({y}, {x})");
                            }
                        }
                    }
                }
            }
        }
    }

    [TestMethod]
    public void ImagesSmallerThanFourPixelsASideAreRefused()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PixelShuffleSplit.Of(new TrainingBatch(1, 3, 8)));

        StringAssert.Contains(error.Message, "3");
    }

    [TestMethod]
    public void SpansOfAnotherLayoutAreRefused()
    {
        var batch = new TrainingBatch(1, 4, 4);

        var error = Assert.ThrowsExactly<ArgumentException>(() => PixelShuffleSplit.Split(new float[48], batch, 3, new float[47]));

        StringAssert.Contains(error.Message, "needs 48 into 48");
    }
}
