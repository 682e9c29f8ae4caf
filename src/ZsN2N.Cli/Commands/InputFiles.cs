namespace ZsN2N.Cli.Commands;

/// <summary>
/// Expands the command's INPUT arguments into the image files to denoise: a file is taken as given (whatever its
/// extension, so the engine can say why it is not an image); a folder contributes the image files directly inside it
/// (by extension, hidden dot-files skipped), sorted by name. Duplicates are dropped, keeping the first occurrence.
/// </summary>
internal static class InputFiles
{
    /// <summary>The extensions taken from folders, lower case with the dot.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Full paths of the images named by <paramref name="inputs"/>, in command-line order.</summary>
    /// <exception cref="FileNotFoundException">An input is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (var input in inputs)
        {
            var fullPath = Path.GetFullPath(input);
            IEnumerable<string> found = Directory.Exists(fullPath)
                ? ImagesIn(fullPath)
                : File.Exists(fullPath) ? [fullPath] : throw new FileNotFoundException($"Input '{input}' does not exist.", input);
            files.AddRange(found.Where(seen.Add));
        }

        return files;
    }

    /// <summary>The output file for <paramref name="input"/>: <c>&lt;name without extension&gt;&lt;extension&gt;</c> in <paramref name="outputFolder"/>.</summary>
    public static string OutputPath(string outputFolder, string input, string extension) =>
        Path.GetFullPath(Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(input) + extension));

    /// <summary>
    /// Why the outputs of <paramref name="files"/> cannot all be written to <paramref name="outputFolder"/>: two inputs
    /// map to the same output name, or an output would overwrite an input; <see langword="null"/> when they can.
    /// </summary>
    public static string? FindConflict(IReadOnlyList<string> files, string outputFolder)
    {
        var inputs = new HashSet<string>(files, StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var output = OutputPath(outputFolder, file, ".png");
            if (inputs.Contains(output))
            {
                return $"The output '{output}' would overwrite the input of the same name; choose another --output folder.";
            }

            if (!owners.TryAdd(output, file))
            {
                return $"The inputs '{owners[output]}' and '{file}' would both be written to '{output}'; denoise them into separate --output folders.";
            }
        }

        return null;
    }

    private static IEnumerable<string> ImagesIn(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(path => ImageExtensions.Contains(Path.GetExtension(path)) && !Path.GetFileName(path).StartsWith('.'))
            .Order(StringComparer.Ordinal);
}
