using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--patch-training</c>: <c>auto</c>, <c>always</c> or <c>never</c>, any case.</summary>
internal sealed class PatchTrainingConverter() : KeywordConverter<PatchTrainingMode>(
    "--patch-training", new Dictionary<string, PatchTrainingMode>
    {
        ["auto"] = PatchTrainingMode.Auto,
        ["always"] = PatchTrainingMode.Always,
        ["never"] = PatchTrainingMode.Never,
    });
