using System.Text.Json;

namespace ZsN2N.Parity;

/// <summary>One-line JSON summaries on stdout, which tools/parity.ps1 parses with ConvertFrom-Json.</summary>
public static class Json
{
    /// <summary>The fields as one compact JSON object; doubles round-trip exactly.</summary>
    public static string Line(Dictionary<string, object?> fields) => JsonSerializer.Serialize(fields);
}
