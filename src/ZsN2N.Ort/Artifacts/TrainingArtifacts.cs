using Google.Protobuf;
using ZsN2N.Ort.Files;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Everything the engine trains and exports with, for one channel count and network width: the
/// training graph, the optimizer graph, the inference graph and the initial checkpoint.
/// </summary>
internal sealed class TrainingArtifacts
{
    /// <summary>File name of the training graph.</summary>
    public const string TrainingFile = "training.onnx";

    /// <summary>File name of the optimizer graph.</summary>
    public const string OptimizerFile = "optimizer.onnx";

    /// <summary>File name of the inference graph.</summary>
    public const string InferenceFile = "inference.onnx";

    /// <summary>File name of the initial checkpoint.</summary>
    public const string CheckpointFile = "checkpoint.ckpt";

    /// <summary>The seed of the committed initial checkpoints.</summary>
    public const ulong DefaultSeed = 0;

    internal TrainingArtifacts(int channels, int features, ModelProto training, ModelProto optimizer, ModelProto inference, Checkpoint initial)
    {
        Channels = channels;
        Features = features;
        Training = training;
        Optimizer = optimizer;
        Inference = inference;
        Initial = initial;
        ReceptiveFieldRadius = ReceptiveField.Radius(inference.Graph);
    }

    /// <summary>Image channels, 1 (grey) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>Network width.</summary>
    public int Features { get; }

    /// <summary>Loss and gradients (<see cref="TrainingGraph"/>).</summary>
    public ModelProto Training { get; }

    /// <summary>One Adam step (<see cref="AdamGraph"/>).</summary>
    public ModelProto Optimizer { get; }

    /// <summary>The denoiser with parameters as inputs (<see cref="InferenceGraph"/>).</summary>
    public ModelProto Inference { get; }

    /// <summary>Initial parameters.</summary>
    public Checkpoint Initial { get; }

    /// <summary>Input pixels on each side of an output pixel that its value depends on (2 for the paper's network).</summary>
    public int ReceptiveFieldRadius { get; }

    /// <summary>The folder name that holds the artifacts of a configuration, e.g. <c>c3-w48</c>.</summary>
    public static string FolderName(int channels, int features) => $"c{channels}-w{features}";

    /// <summary>The serialized files, by file name.</summary>
    public IReadOnlyDictionary<string, byte[]> ToFiles() => new Dictionary<string, byte[]>
    {
        [TrainingFile] = Training.ToByteArray(),
        [OptimizerFile] = Optimizer.ToByteArray(),
        [InferenceFile] = Inference.ToByteArray(),
        [CheckpointFile] = Initial.ToBytes(),
    };

    /// <summary>Writes the four files into <paramref name="folder"/>, each through <see cref="AtomicFile"/>.</summary>
    /// <exception cref="IOException">Writing failed.</exception>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in ToFiles())
        {
            AtomicFile.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }

    /// <summary>
    /// The artifacts of <paramref name="channels"/> and <paramref name="features"/> generated into artifacts/ and embedded
    /// in this assembly (resources named <c>artifacts/c3-w48/training.onnx</c> and so on), or null when none are.
    /// </summary>
    /// <exception cref="InvalidDataException">An embedded file is not what its name says.</exception>
    internal static TrainingArtifacts? ReadEmbedded(int channels, int features)
    {
        var assembly = typeof(TrainingArtifacts).Assembly;
        var folder = $"artifacts/{FolderName(channels, features)}/";
        if (assembly.GetManifestResourceInfo(folder + TrainingFile) is null)
        {
            return null;
        }

        byte[] Bytes(string name)
        {
            using var stream = assembly.GetManifestResourceStream(folder + name)
                ?? throw new InvalidDataException($"Embedded resource '{folder}{name}' is missing from the ZsN2N.Ort assembly.");
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        }

        ModelProto Model(string name)
        {
            try
            {
                return ModelProto.Parser.ParseFrom(Bytes(name));
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new InvalidDataException($"Embedded resource '{folder}{name}' is not an ONNX model.", e);
            }
        }

        return new TrainingArtifacts(
            channels,
            features,
            Model(TrainingFile),
            Model(OptimizerFile),
            Model(InferenceFile),
            Checkpoint.FromBytes(Bytes(CheckpointFile)));
    }
}
