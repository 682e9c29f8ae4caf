using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--preset</c>: <c>official</c> or <c>fast</c>, any case.</summary>
internal sealed class PresetConverter() : KeywordConverter<Preset>(
    "--preset", new Dictionary<string, Preset> { ["official"] = Preset.Official, ["fast"] = Preset.Fast });
