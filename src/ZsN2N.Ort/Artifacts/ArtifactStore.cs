using System.Collections.Concurrent;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Finds the training artifacts for a network, channel count and width: for the paper's network, the generated files
/// shipped in the <c>artifacts</c> folder beside this assembly when they exist; otherwise generated in memory from the
/// embedded definition (a width other than 48, or the deep network, say). Thread-safe; artifacts are immutable once made.
/// </summary>
public sealed class ArtifactStore
{
    private readonly ConcurrentDictionary<(NetworkKind, int, int), TrainingArtifacts> _cache = new();

    /// <summary>A store reading <paramref name="folder"/>, or the folder beside the assembly when null.</summary>
    public ArtifactStore(string? folder = null) =>
        Folder = folder ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>The store every denoiser uses unless given another.</summary>
    public static ArtifactStore Shared { get; } = new();

    /// <summary>The folder searched for generated artifacts.</summary>
    public string Folder { get; }

    /// <summary>The artifacts of <paramref name="network"/> for <paramref name="channels"/> and <paramref name="features"/>.</summary>
    public TrainingArtifacts Get(int channels, int features, NetworkKind network = NetworkKind.Paper) =>
        _cache.GetOrAdd((network, channels, features), key =>
        {
            var (kind, c, f) = key;
            var folder = Path.Combine(Folder, TrainingArtifacts.FolderName(c, f));
            return kind == NetworkKind.Paper && Directory.Exists(folder)
                ? TrainingArtifacts.ReadFrom(folder, c, f)
                : ArtifactGenerator.Generate(NetworkDefinition.For(kind), c, f);
        });
}
