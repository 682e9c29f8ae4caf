using ZsN2N.Ort;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--network</c>: <c>paper</c> or <c>deep</c>, any case.</summary>
internal sealed class NetworkConverter() : KeywordConverter<Network>(
    "--network", new Dictionary<string, Network> { ["paper"] = Network.Paper, ["deep"] = Network.Deep });
