using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--noise</c>: <c>independent</c>, <c>camera</c> or <c>auto</c>, any case (also config.json's <c>noise</c>).</summary>
internal sealed class NoiseConverter() : KeywordConverter<NoiseMode>("--noise", Keywords)
{
    /// <summary>The keywords and the modes they name.</summary>
    public static IReadOnlyDictionary<string, NoiseMode> Keywords { get; } = new Dictionary<string, NoiseMode>
    {
        ["independent"] = NoiseMode.Independent,
        ["camera"] = NoiseMode.Camera,
        ["auto"] = NoiseMode.Auto,
    };
}
