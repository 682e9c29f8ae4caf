using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// The committed ONNX definition of the noise predictor f (artifacts/zsn2n.onnxtxt): first input the
/// image [batch, channels, height, width], other inputs the parameters, one output the predicted noise.
/// Parameter shapes may use the symbols <c>channels</c> and <c>features</c> (the network width).
/// </summary>
internal sealed class NetworkDefinition
{
    /// <summary>The symbol for the image channel count in parameter shapes.</summary>
    public const string ChannelsSymbol = "channels";

    /// <summary>The symbol for the network width in parameter shapes.</summary>
    public const string FeaturesSymbol = "features";

    private static readonly Lazy<NetworkDefinition> DeepDefinition = new(() => FromText(ReadEmbedded(FileName(NetworkKind.Deep))));

    private NetworkDefinition(string text, ModelProto model)
    {
        Text = text;
        Graph = model.Graph;
        if (Graph.Input.Count < 2 || Graph.Output.Count != 1)
        {
            throw new FormatException($"Network '{Graph.Name}' must have an image input, parameter inputs and one output.");
        }

        FeatureMaps = Graph.Node.Count(n => n.OpType == "Conv"
            && Graph.Input.FirstOrDefault(i => i.Name == n.Input[1])?.Type.TensorType.Shape.Dim[0].DimParam == FeaturesSymbol);
        ReceptiveFieldRadius = ReceptiveField.Radius(Graph);
    }

    /// <summary>The paper's network shipped inside this assembly (a copy of artifacts/zsn2n.onnxtxt).</summary>
    public static NetworkDefinition Default { get; } = FromText(ReadEmbedded(FileName(NetworkKind.Paper)));

    /// <summary>The definition of <paramref name="network"/> shipped inside this assembly (a copy of artifacts/<see cref="FileName"/>).</summary>
    public static NetworkDefinition For(NetworkKind network) => network switch
    {
        NetworkKind.Paper => Default,
        NetworkKind.Deep => DeepDefinition.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "Network must be Paper or Deep."),
    };

    /// <summary>The file under artifacts/ that defines <paramref name="network"/>.</summary>
    public static string FileName(NetworkKind network) => network == NetworkKind.Deep ? "zsn2n-deep.onnxtxt" : "zsn2n.onnxtxt";

    /// <summary>
    /// Feature maps of the network's width that a pixel carries through it: the convolutions with <c>features</c> output
    /// channels (2 for the paper's network). Activation memory grows with it.
    /// </summary>
    public int FeatureMaps { get; }

    /// <summary>The pixels on each side of an output pixel that it depends on (2 for the paper's network), which tiles carry as a halo.</summary>
    public int ReceptiveFieldRadius { get; }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The parsed graph, with symbolic parameter shapes.</summary>
    public GraphProto Graph { get; }

    /// <summary>The names of the trained parameters, in definition order.</summary>
    public IReadOnlyList<string> ParameterNames => Graph.Input.Skip(1).Select(i => i.Name).ToArray();

    /// <summary>Parses a definition in ONNX's textual syntax.</summary>
    /// <exception cref="FormatException">The text is not valid or not shaped like a noise predictor.</exception>
    public static NetworkDefinition FromText(string text) => new(text, OnnxTextReader.ReadModel(text));

    /// <summary>A copy of the graph with <c>channels</c> and <c>features</c> replaced by sizes, so every parameter shape is concrete.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    /// <exception cref="FormatException">A parameter shape uses another symbol.</exception>
    public GraphProto Bind(int channels, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        var graph = Graph.Clone();
        foreach (var value in graph.Input.Concat(graph.Output))
        {
            foreach (var dim in value.Type.TensorType.Shape.Dim)
            {
                if (dim.DimParam == ChannelsSymbol)
                {
                    dim.DimValue = channels;
                }
                else if (dim.DimParam == FeaturesSymbol)
                {
                    dim.DimValue = features;
                }
            }
        }

        foreach (var parameter in graph.Input.Skip(1))
        {
            if (parameter.Type.TensorType.Shape.Dim.FirstOrDefault(d => d.ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue) is { } open)
            {
                throw new FormatException($"Parameter '{parameter.Name}' has dimension '{open.DimParam}'; only '{ChannelsSymbol}' and '{FeaturesSymbol}' can be bound.");
            }
        }

        return graph;
    }

    private static string ReadEmbedded(string resourceName)
    {
        using var stream = typeof(NetworkDefinition).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' is missing from the ZsN2N.Ort assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
