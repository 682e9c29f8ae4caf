using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.TestSupport;

/// <summary>Small crops of the development photos, so training tests run in seconds.</summary>
internal static class DevCrops
{
    public static PlanarImage Load(string set, string name, int top, int left, int height, int width) =>
        Crop(ImageIo.Read(RepositoryPaths.DevImage(set, name)), top, left, height, width);

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
