using System.Runtime.CompilerServices;

namespace ZsN2N.Tests.Shared;

/// <summary>Locates the checkout and its committed test images from a test. Shared (linked) by the test projects.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding ZsN2N.Ort.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The committed artifacts folder.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The web app's project folder (its content root, with wwwroot/).</summary>
    public static string WebProject => Path.Combine(Root, "src", "ZsN2N.Web");

    /// <summary>
    /// tests/data: the development photos the tests need, whole or cut to the windows the tests crop, with their licences
    /// (tests/data/README.md); the full development set beside the checkout (../shared) is for benchmarks only.
    /// </summary>
    public static string DevData => Path.Combine(Root, "tests", "data");

    /// <summary>A file of the test images, e.g. DevImage("noisy_g25", "camera.png").</summary>
    public static string DevImage(string set, string name) => Path.Combine(DevData, set, name);

    // The test output may sit outside the checkout (dotnet test --artifacts-path), so fall back to this file's folder.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ZsN2N.Ort.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' or '{sourceFile}' holds ZsN2N.Ort.sln.");
    }
}
