using System.Collections.Concurrent;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Finds the training artifacts for a channel count and width: the generated files shipped in the
/// <c>artifacts</c> folder beside this assembly when they exist, otherwise generated in memory from the
/// embedded definition (a width other than 48, say). Thread-safe; artifacts are immutable once made.
/// </summary>
public sealed class ArtifactStore
{
    private readonly ConcurrentDictionary<(int, int), TrainingArtifacts> _cache = new();

    /// <summary>A store reading <paramref name="folder"/>, or the folder beside the assembly when null.</summary>
    public ArtifactStore(string? folder = null) =>
        Folder = folder ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>The store every <see cref="Denoiser"/> uses unless given another.</summary>
    public static ArtifactStore Shared { get; } = new();

    /// <summary>The folder searched for generated artifacts.</summary>
    public string Folder { get; }

    /// <summary>The artifacts for <paramref name="channels"/> and <paramref name="features"/>.</summary>
    public TrainingArtifacts Get(int channels, int features) =>
        _cache.GetOrAdd((channels, features), key =>
        {
            var folder = Path.Combine(Folder, TrainingArtifacts.FolderName(key.Item1, key.Item2));
            return Directory.Exists(folder)
                ? TrainingArtifacts.ReadFrom(folder, key.Item1, key.Item2)
                : ArtifactGenerator.Generate(NetworkDefinition.Default, key.Item1, key.Item2);
        });
}
