using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Tests.TestSupport;

/// <summary>Small inputs cut from the development data, so each CLI run trains in seconds.</summary>
internal static class TestImages
{
    public const int Width = 48;
    public const int Height = 40;

    /// <summary>A 48x40 crop of noisy_g25/camera.png: grayscale, 16-bit.</summary>
    public static void WriteGray16(string path) => Write(Crop("camera.png", bitDepth: 16), path);

    /// <summary>A 48x40 crop of noisy_g25/home.png written as 8-bit RGB.</summary>
    public static void WriteColour8(string path) => Write(Crop("home.png", bitDepth: 8), path);

    /// <summary>The same 48x40 crop of clean/camera.png (8-bit grey): the reference for <see cref="WriteGray16"/>.</summary>
    public static void WriteCleanGray(string path) => Write(Crop("camera.png", bitDepth: 8, set: "clean"), path);

    /// <summary>A 48x40 crop of another region of noisy_g25/camera.png, e.g. another frame from the same camera.</summary>
    public static void WriteOtherGray16(string path) => Write(Crop("camera.png", bitDepth: 16, top: 150, left: 30), path);

    /// <summary>A text file with an image's extension.</summary>
    public static void WriteCorrupt(string path) => File.WriteAllText(path, "this is not an image");

    private static PlanarImage Crop(string name, int bitDepth, string set = "noisy_g25", int top = 60, int left = 100) =>
        DevCrops.Crop(ImageIo.Read(RepositoryPaths.DevImage(set, name)), top, left, Height, Width, bitDepth);

    private static void Write(PlanarImage image, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageIo.Write(image, path);
    }
}
