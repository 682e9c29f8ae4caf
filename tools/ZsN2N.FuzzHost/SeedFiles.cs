using ZsN2N.Ort.Imaging;
using ZsN2N.Tests.Shared;

namespace ZsN2N.FuzzHost;

/// <summary>The valid files the mutations start from: the test pattern as PNG, TIFF, JPEG, WebP and BMP, and an animated GIF.</summary>
internal static class SeedFiles
{
    /// <summary>Every seed file, in a fixed order (a case's seed file is drawn by index).</summary>
    public static byte[][] Create()
    {
        var seeds = new List<byte[]>();
        foreach (var (channels, bitDepth, alpha) in new[] { (1, 8, false), (3, 8, false), (3, 16, false), (1, 16, true), (3, 8, true) })
        {
            var image = PatternImage.Create(channels, 24, 20, bitDepth, alpha);
            seeds.Add(ImageIo.Encode(image, ".png"));
            seeds.Add(ImageIo.Encode(image, ".tif"));
            if (bitDepth == 8)
            {
                seeds.Add(ImageIo.Encode(image, ".jpg"));
                seeds.Add(ImageIo.Encode(image, ".webp"));
                seeds.Add(ImageIo.Encode(image, ".bmp"));
            }
        }

        seeds.Add(AnimatedGif.Create());
        return seeds.ToArray();
    }
}
