using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Onnx;

/// <summary>Wraps graphs into models with the IR version and opset every ZsN2N.Ort graph targets.</summary>
internal static class OnnxModels
{
    /// <summary>The ONNX IR version written (IR 8 is read by every ONNX Runtime since 1.13).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset the generated graphs use.</summary>
    public const long Opset = 17;

    /// <summary>A model around <paramref name="graph"/>.</summary>
    public static ModelProto Create(GraphProto graph, string docString = "")
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "ZsN2N.Ort",
            ProducerVersion = typeof(OnnxModels).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }
}
