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

    /// <summary>
    /// Expands <paramref name="inputs"/> and checks that their outputs fit in <paramref name="outputFolder"/>: the
    /// message a command reports as a usage error, or <see langword="null"/> with <paramref name="files"/> set.
    /// </summary>
    public static string? Resolve(IReadOnlyList<string> inputs, string outputFolder, out IReadOnlyList<string> files, params IReadOnlyList<string> outputSuffixes)
    {
        try
        {
            files = Expand(inputs);
        }
        catch (FileNotFoundException e)
        {
            files = [];
            return e.Message;
        }

        return files.Count == 0
            ? $"No image files ({string.Join(", ", ImageExtensions)}) found in: {string.Join(", ", inputs)}."
            : FindConflict(files, outputFolder, outputSuffixes);
    }

    /// <summary>The output file for <paramref name="input"/>: <c>&lt;name without extension&gt;&lt;extension&gt;</c> in <paramref name="outputFolder"/>.</summary>
    public static string OutputPath(string outputFolder, string input, string extension) =>
        Path.GetFullPath(Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(input) + extension));

    /// <summary>
    /// Why the outputs of <paramref name="files"/> cannot all be written to <paramref name="outputFolder"/>: two inputs
    /// map to the same output name, or an output would overwrite an input; <see langword="null"/> when they can.
    /// </summary>
    /// <param name="files">The inputs (full paths).</param>
    /// <param name="outputFolder">The output folder (full path).</param>
    /// <param name="outputSuffixes">
    /// What each input produces, appended to its name without extension: <c>.png</c> by default; e.g. also
    /// <c>_compare.png</c> and <c>.onnx</c> when those are written.
    /// </param>
    public static string? FindConflict(IReadOnlyList<string> files, string outputFolder, params IReadOnlyList<string> outputSuffixes)
    {
        if (outputSuffixes.Count == 0)
        {
            outputSuffixes = [".png"];
        }

        var inputs = new HashSet<string>(files, StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            foreach (var suffix in outputSuffixes)
            {
                var output = OutputPath(outputFolder, file, suffix);
                if (inputs.Contains(output))
                {
                    return $"The output '{output}' would overwrite the input of the same name; choose another --output folder.";
                }

                if (!owners.TryAdd(output, file))
                {
                    return $"The inputs '{owners[output]}' and '{file}' would both be written to '{output}'; process them into separate --output folders.";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The file in <paramref name="folder"/> that matches <paramref name="file"/> by name: the same file name, else
    /// the one image file with the same name without extension (<c>a.png</c> matches <c>a.tif</c>); null when there
    /// is none. Used to pair noisy inputs with clean references and denoised with clean images.
    /// </summary>
    public static string? FindByName(string folder, string file)
    {
        var name = Path.GetFileName(file);
        var exact = Path.Combine(folder, name);
        if (File.Exists(exact))
        {
            return Path.GetFullPath(exact);
        }

        var stem = Path.GetFileNameWithoutExtension(file);
        return ImagesIn(Path.GetFullPath(folder)).FirstOrDefault(path => string.Equals(Path.GetFileNameWithoutExtension(path), stem, StringComparison.Ordinal));
    }

    private static IEnumerable<string> ImagesIn(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(path => ImageExtensions.Contains(Path.GetExtension(path)) && !Path.GetFileName(path).StartsWith('.'))
            .Order(StringComparer.Ordinal);
}
