
namespace ZsN2N.Ort.Artifacts;

/// <summary>Turns a network definition into <see cref="TrainingArtifacts"/>; deterministic, so committed artifacts can be checked.</summary>
internal static class ArtifactGenerator
{
    /// <summary>The configurations committed under artifacts/: grey and RGB at the paper's width.</summary>
    public static IReadOnlyList<(int Channels, int Features)> CommittedConfigurations { get; } = [(1, 48), (3, 48)];

    /// <summary>Generates the artifacts of <paramref name="definition"/> for a channel count and width.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static TrainingArtifacts Generate(NetworkDefinition definition, int channels, int features, ulong seed = TrainingArtifacts.DefaultSeed, AdamSettings? adam = null)
    {
        var network = definition.Bind(channels, features);
        var training = TrainingGraph.Create(network, channels);
        var optimizer = AdamGraph.Create(network.Input.Skip(1), adam ?? AdamSettings.Default);
        var inference = InferenceGraph.Create(network, channels);
        var initial = new Checkpoint(ParameterInitializer.Initialize(network, seed));
        return new TrainingArtifacts(channels, features, training, optimizer, inference, initial);
    }
}
