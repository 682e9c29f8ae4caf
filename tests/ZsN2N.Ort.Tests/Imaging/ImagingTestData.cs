using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.Imaging;

/// <summary>Small synthetic images for the imaging tests.</summary>
internal static class ImagingTestData
{
    /// <summary>
    /// An image whose values are exact multiples of 1/(2^bitDepth − 1) in a pattern that differs per channel, row and
    /// column, optionally with a varying alpha plane.
    /// </summary>
    public static PlanarImage Pattern(int channels, int height, int width, int bitDepth, bool alpha)
    {
        int max = bitDepth == 8 ? 255 : 65535;
        var pixels = new float[channels * height * width];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (int)((i * 2654435761L) % (max + 1)) / (float)max;
        }

        ushort[]? alphaPlane = null;
        if (alpha)
        {
            alphaPlane = new ushort[height * width];
            for (int i = 0; i < alphaPlane.Length; i++)
            {
                alphaPlane[i] = (ushort)((i * 40503L + 7) % (max + 1));
            }
        }

        return new PlanarImage(channels, height, width, pixels, bitDepth, alphaPlane);
    }

    /// <summary>An image filled with one value.</summary>
    public static PlanarImage Constant(int channels, int height, int width, float value)
    {
        var pixels = new float[channels * height * width];
        Array.Fill(pixels, value);
        return new PlanarImage(channels, height, width, pixels);
    }
}
