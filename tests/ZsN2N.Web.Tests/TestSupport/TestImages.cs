using ZsN2N.Ort.Imaging;

namespace ZsN2N.Web.Tests.TestSupport;

/// <summary>Tiny images for uploads, so a test trains in well under a second.</summary>
internal static class TestImages
{
    /// <summary>A PNG of seeded random pixels; random data barely compresses, so the size tracks width × height.</summary>
    public static byte[] RandomPng(int width, int height, int channels = 3, int seed = 1)
    {
        var random = new Random(seed);
        var image = new PlanarImage(channels, height, width);
        var pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.Next(256) / 255f;
        }

        return ImageIo.Encode(image, ".png");
    }

    /// <summary>A crop of a development photo, noisy_g25/camera.png of the test images, as PNG.</summary>
    public static byte[] DevCropPng(int top, int left, int width, int height) =>
        ImageIo.Encode(DevCrops.Load("noisy_g25", "camera.png", top, left, height, width), ".png");
}
