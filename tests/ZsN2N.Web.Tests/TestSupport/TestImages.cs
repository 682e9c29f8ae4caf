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

    /// <summary>
    /// A crop of a development photo as PNG: noisy_g25/camera.png from the shared data beside the checkout, or the
    /// committed samples/camera_noisy_g25.png when that data is not there.
    /// </summary>
    public static byte[] DevCropPng(int top, int left, int width, int height)
    {
        var dev = RepositoryPaths.DevImage("noisy_g25", "camera.png");
        var path = File.Exists(dev) ? dev : Path.Combine(RepositoryPaths.Root, "samples", "camera_noisy_g25.png");
        return ImageIo.Encode(DevCrops.Crop(ImageIo.Read(path), top, left, height, width), ".png");
    }
}
