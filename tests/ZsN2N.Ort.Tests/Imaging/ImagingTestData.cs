using System.Runtime.CompilerServices;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.Imaging;

/// <summary>Locates the shared dev images and builds small synthetic images for the imaging tests.</summary>
internal static class ImagingTestData
{
    public static string DevRoot { get; } = FindDevRoot();

    public static string Dev(string folder, string name) => Path.Combine(DevRoot, folder, name);

    /// <summary>A fresh empty folder under the temp directory; delete it with <see cref="Directory.Delete(string, bool)"/>.</summary>
    public static string NewTempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "zsn2n-imaging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

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

    private static string FindDevRoot([CallerFilePath] string sourceFile = "")
    {
        // Built outside the tree (--artifacts-path) the binaries have no solution above them, so the source file's
        // own location is the second place to start from.
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty }.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ZsN2N.Ort.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "dev"));
                }
            }
        }

        throw new InvalidOperationException($"ZsN2N.Ort.sln not found above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
