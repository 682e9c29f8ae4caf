using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// PyTorch's default Conv2d initialisation, seeded: weights from kaiming_uniform(a = √5) and biases
/// from U(-1/√fan_in, 1/√fan_in), which are both U(-b, b) with b = 1/√fan_in, fan_in = Cin/group · kH · kW.
/// </summary>
internal static class ParameterInitializer
{
    /// <summary>Initial values of every parameter of <paramref name="network"/> (bound shapes), in definition order.</summary>
    /// <exception cref="NotSupportedException">A parameter is not the weight or bias of a Conv node.</exception>
    public static IReadOnlyList<NamedTensor> Initialize(GraphProto network, ulong seed)
    {
        var random = new SplitMix64(seed);
        var result = new List<NamedTensor>();
        foreach (var parameter in network.Input.Skip(1))
        {
            var shape = OnnxValueInfos.ConcreteShape(parameter);
            var bound = (float)(1.0 / Math.Sqrt(FanIn(network, parameter.Name)));
            var values = new float[OnnxTensors.ElementCount(shape)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)((2 * random.NextDouble() - 1) * bound);
            }

            result.Add(new NamedTensor(parameter.Name, shape, values));
        }

        return result;
    }

    private static long FanIn(GraphProto network, string parameter)
    {
        var conv = network.Node.FirstOrDefault(n => n.OpType == "Conv" && (n.Input[1] == parameter || (n.Input.Count > 2 && n.Input[2] == parameter)))
            ?? throw new NotSupportedException($"Parameter '{parameter}' is not a Conv weight or bias; no initialisation rule applies.");
        var weight = network.Input.First(i => i.Name == conv.Input[1]);
        return OnnxValueInfos.ConcreteShape(weight).Skip(1).Aggregate(1L, (a, b) => a * b);
    }
}
