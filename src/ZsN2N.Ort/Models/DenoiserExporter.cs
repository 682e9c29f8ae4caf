using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Models;

/// <summary>
/// Bakes trained parameters into the inference graph, giving a self-contained per-image denoiser:
/// input <c>image</c> float32 [batch, C, height, width], values 0..1, channels RGB (or one grey channel);
/// output <c>denoised</c>, same shape, clamp(image - f(image), 0, 1). Any ONNX Runtime runs it.
/// </summary>
internal static class DenoiserExporter
{
    /// <summary>The denoiser model for <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">A parameter of the graph is missing or has another shape.</exception>
    public static ModelProto Export(ModelProto inference, IReadOnlyList<NamedTensor> parameters)
    {
        var model = inference.Clone();
        var graph = model.Graph;
        foreach (var declaration in graph.Input.Where(i => i.Name != InferenceGraph.ImageInput).ToArray())
        {
            var tensor = parameters.FirstOrDefault(p => p.Name == declaration.Name)
                ?? throw new ArgumentException($"No value for parameter '{declaration.Name}'.", nameof(parameters));
            var shape = OnnxValueInfos.ConcreteShape(declaration);
            if (!shape.SequenceEqual(tensor.Shape))
            {
                throw new ArgumentException($"Parameter '{tensor.Name}' is [{string.Join(", ", tensor.Shape)}]; the graph needs [{string.Join(", ", shape)}].", nameof(parameters));
            }

            graph.Input.Remove(declaration);
            graph.Initializer.Add(OnnxTensors.FromFloats(tensor.Name, tensor.Values, tensor.Shape));
        }

        return model;
    }
}
