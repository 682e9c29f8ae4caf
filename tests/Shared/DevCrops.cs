using ZsN2N.Ort.Imaging;

namespace ZsN2N.Tests.Shared;

/// <summary>Small crops of the development photos (tests/data), so training tests run in seconds. Shared (linked) by the test projects.</summary>
internal static class DevCrops
{
    /// <summary>The <paramref name="height"/> x <paramref name="width"/> window at (<paramref name="top"/>, <paramref name="left"/>) of a development photo.</summary>
    public static PlanarImage Load(string set, string name, int top, int left, int height, int width) =>
        Crop(ImageIo.Read(RepositoryPaths.DevImage(set, name)), top, left, height, width);

    /// <summary>
    /// The <paramref name="height"/> x <paramref name="width"/> window at (<paramref name="top"/>, <paramref name="left"/>)
    /// of every plane, at <paramref name="bitDepth"/> (that of <paramref name="image"/> by default).
    /// </summary>
    public static PlanarImage Crop(PlanarImage image, int top, int left, int height, int width, int? bitDepth = null)
    {
        var crop = new PlanarImage(image.Channels, height, width, bitDepth ?? image.BitDepth);
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
