using System.Collections.Concurrent;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Finds the training artifacts for a network, channel count and width: for the paper's network, the generated files
/// of artifacts/ embedded in this assembly when they exist (<see cref="ArtifactGenerator.CommittedConfigurations"/>);
/// otherwise generated in memory from the embedded definition (a width other than 48, or the deep network, say).
/// Thread-safe; artifacts are immutable once made.
/// </summary>
internal sealed class ArtifactStore
{
    private readonly ConcurrentDictionary<(NetworkKind, int, int), TrainingArtifacts> _cache = new();

    /// <summary>The store every denoiser uses unless given another.</summary>
    public static ArtifactStore Shared { get; } = new();

    /// <summary>The artifacts of <paramref name="network"/> for <paramref name="channels"/> and <paramref name="features"/>.</summary>
    public TrainingArtifacts Get(int channels, int features, NetworkKind network = NetworkKind.Paper) =>
        _cache.GetOrAdd((network, channels, features), key =>
        {
            var (kind, c, f) = key;
            return (kind == NetworkKind.Paper ? TrainingArtifacts.ReadEmbedded(c, f) : null)
                ?? ArtifactGenerator.Generate(NetworkDefinition.For(kind), c, f);
        });
}
