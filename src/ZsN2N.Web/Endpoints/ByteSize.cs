using System.Globalization;

namespace ZsN2N.Web.Endpoints;

/// <summary>Byte counts for people, by the rule the page uses too (app.js <c>formatBytes</c>): B, KiB or MiB with one decimal.</summary>
public static class ByteSize
{
    /// <summary>"512 B", "2.0 KiB", "16.0 MiB".</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F1} MiB"),
    };
}
