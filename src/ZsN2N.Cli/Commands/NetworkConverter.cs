using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--network</c>: <c>paper</c> or <c>deep</c>, any case.</summary>
internal sealed class NetworkConverter() : KeywordConverter<NetworkKind>(
    "--network", new Dictionary<string, NetworkKind> { ["paper"] = NetworkKind.Paper, ["deep"] = NetworkKind.Deep });
