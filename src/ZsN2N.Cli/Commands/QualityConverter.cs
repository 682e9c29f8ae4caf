using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--quality</c>: <c>official</c> or <c>high</c>, any case.</summary>
internal sealed class QualityConverter() : KeywordConverter<Quality>(
    "--quality", new Dictionary<string, Quality> { ["official"] = Quality.Official, ["high"] = Quality.High });
