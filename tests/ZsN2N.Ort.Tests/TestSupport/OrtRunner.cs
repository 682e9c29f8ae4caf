using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Tests.TestSupport;

/// <summary>Runs a model in a stock ONNX Runtime session with named float32 inputs.</summary>
internal sealed class OrtRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OrtRunner(ModelProto model) => _session = new InferenceSession(model.ToByteArray());

    public InferenceSession Session => _session;

    public Dictionary<string, float[]> Run(IReadOnlyDictionary<string, (float[] Values, long[] Shape)> inputs, params string[] outputs)
    {
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Value.Values, i.Value.Shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            var names = outputs.Length > 0 ? outputs : _session.OutputNames.ToArray();
            using var results = _session.Run(runOptions, inputs.Keys.ToArray(), values, names);
            return names.Select((name, i) => (name, results[i].GetTensorDataAsSpan<float>().ToArray())).ToDictionary(p => p.name, p => p.Item2);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
