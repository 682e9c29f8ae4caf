using ZsN2N.Ort.Imaging;

namespace ZsN2N.Tests.Shared;

/// <summary>
/// Synthetic images whose values are exact multiples of 1/(2^bitDepth − 1) in a pattern that differs per channel, row
/// and column, optionally with a varying alpha plane: what the imaging tests round-trip, and the valid files the hostile
/// corpus and the fuzz host start from. Shared (linked) by the test projects and tools/ZsN2N.FuzzHost.
/// </summary>
internal static class PatternImage
{
    /// <summary>A <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/> pattern at <paramref name="bitDepth"/> (8 or 16).</summary>
    public static PlanarImage Create(int channels, int height, int width, int bitDepth, bool alpha = false)
    {
        var max = bitDepth == 8 ? 255 : 65535;
        var pixels = new float[channels * height * width];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (int)((i * 2654435761L) % (max + 1)) / (float)max;
        }

        ushort[]? alphaPlane = null;
        if (alpha)
        {
            alphaPlane = new ushort[height * width];
            for (var i = 0; i < alphaPlane.Length; i++)
            {
                alphaPlane[i] = (ushort)((i * 40503L + 7) % (max + 1));
            }
        }

        return new PlanarImage(channels, height, width, pixels, bitDepth, alphaPlane);
    }
}
