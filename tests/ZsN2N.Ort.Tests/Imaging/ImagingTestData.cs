using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.Imaging;

/// <summary>Small synthetic images for the imaging tests.</summary>
internal static class ImagingTestData
{
    /// <summary>An image filled with one value.</summary>
    public static PlanarImage Constant(int channels, int height, int width, float value)
    {
        var pixels = new float[channels * height * width];
        Array.Fill(pixels, value);
        return new PlanarImage(channels, height, width, pixels);
    }
}
