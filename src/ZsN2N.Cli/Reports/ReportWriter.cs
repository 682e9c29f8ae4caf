using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZsN2N.Cli.Reports;

/// <summary>Writes a <see cref="DenoiseReport"/> as indented camelCase JSON, atomically.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The report as JSON text.</summary>
    public static string ToJson(DenoiseReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="path"/> through a temporary file in the same folder that then
    /// replaces it, so a reader never sees half a report. Creates the folder if needed.
    /// </summary>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
    public static void Write(DenoiseReport report, string path)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, ToJson(report));
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
