using OpenCvSharp;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.LargeBench;

/// <summary>Resizing and cropping of the benchmark images.</summary>
internal static class PlanarImages
{
    /// <summary>The image resized (bicubic) to <paramref name="height"/> x <paramref name="width"/>.</summary>
    public static PlanarImage Resize(PlanarImage image, int height, int width)
    {
        using var mat = ImageIo.ToMat(image);
        using var resized = new Mat();
        Cv2.Resize(mat, resized, new Size(width, height), interpolation: InterpolationFlags.Cubic);
        return ImageIo.FromMat(resized);
    }

    /// <summary>The <paramref name="height"/> x <paramref name="width"/> window at (<paramref name="top"/>, <paramref name="left"/>) of every plane.</summary>
    public static PlanarImage Crop(PlanarImage image, int top, int left, int height, int width)
    {
        var crop = new PlanarImage(image.Channels, height, width, image.BitDepth);
        for (var c = 0; c < image.Channels; c++)
        {
            for (var y = 0; y < height; y++)
            {
                image.GetRow(c, top + y).Slice(left, width).CopyTo(crop.GetRow(c, y));
            }
        }

        return crop;
    }
}
