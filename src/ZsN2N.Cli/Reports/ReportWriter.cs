using System.Text.Json;
using System.Text.Json.Serialization;
using ZsN2N.Ort.Files;

namespace ZsN2N.Cli.Reports;

/// <summary>Writes a <see cref="DenoiseReport"/> as indented camelCase JSON, atomically.</summary>
internal static class ReportWriter
{
    /// <summary>Indented camelCase, nulls left out, infinite PSNR as "Infinity"; shared by every JSON the CLI writes.</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // an exact copy scores PSNR "Infinity"
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The report as JSON text.</summary>
    public static string ToJson(DenoiseReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="path"/> through a temporary file in the same folder that then
    /// replaces it, so a reader never sees half a report. Creates the folder if needed.
    /// </summary>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
    public static void Write(DenoiseReport report, string path) => AtomicFile.WriteAllText(path, ToJson(report));
}
