using Google.Protobuf;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Named float32 tensors (parameters, optionally Adam's moments) and the step they belong to.
/// On disk it is an ONNX model whose initializers are the tensors and whose outputs return them
/// unchanged, so any ONNX tool can open it and ONNX Runtime can run it.
/// </summary>
internal sealed class Checkpoint
{
    private const string FormatKey = "zsn2n.checkpoint";
    private const string StepKey = "zsn2n.step";

    /// <summary>Creates a checkpoint of <paramref name="tensors"/> taken after <paramref name="step"/> optimizer steps.</summary>
    public Checkpoint(IReadOnlyList<NamedTensor> tensors, long step = 0)
    {
        Tensors = tensors;
        Step = step;
    }

    /// <summary>The tensors, in file order.</summary>
    public IReadOnlyList<NamedTensor> Tensors { get; }

    /// <summary>Optimizer steps taken.</summary>
    public long Step { get; }

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such tensor.</exception>
    public NamedTensor this[string name] =>
        Tensors.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"Checkpoint has no tensor '{name}'.");

    /// <summary>The serialized checkpoint.</summary>
    public byte[] ToBytes()
    {
        var builder = new GraphBuilder("zsn2n_checkpoint");
        foreach (var tensor in Tensors)
        {
            builder.Constant(OnnxTensors.FromFloats(tensor.Name, tensor.Values, tensor.Shape));
            builder.Node("Identity", [tensor.Name], $"{tensor.Name}_value");
            builder.Output(OnnxValueInfos.Float($"{tensor.Name}_value", tensor.Shape.Cast<object>().ToArray()));
        }

        var model = OnnxModels.Create(builder.Graph, "ZsN2N.Ort checkpoint: each output returns one stored tensor.");
        model.MetadataProps.Add(new StringStringEntryProto { Key = FormatKey, Value = "1" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = StepKey, Value = Step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return model.ToByteArray();
    }

    /// <summary>Reads a checkpoint written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a ZsN2N.Ort checkpoint.</exception>
    public static Checkpoint FromBytes(byte[] bytes)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException("Not a checkpoint: the bytes are not an ONNX model.", e);
        }

        if (model.MetadataProps.All(p => p.Key != FormatKey) || model.Graph is null)
        {
            throw new InvalidDataException($"Not a checkpoint: metadata '{FormatKey}' is missing.");
        }

        var step = long.Parse(model.MetadataProps.First(p => p.Key == StepKey).Value, System.Globalization.CultureInfo.InvariantCulture);
        var tensors = model.Graph.Initializer.Select(t => new NamedTensor(t.Name, t.Dims.ToArray(), OnnxTensors.ToFloats(t))).ToArray();
        return new Checkpoint(tensors, step);
    }
}
