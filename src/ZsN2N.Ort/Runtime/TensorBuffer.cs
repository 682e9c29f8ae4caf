using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Runtime;

/// <summary>
/// A float32 tensor whose elements live in a managed array that ONNX Runtime reads and writes in place
/// (the <see cref="OrtValue"/> pins it). Must be disposed: disposal releases the OrtValue and unpins the array.
/// </summary>
internal sealed class TensorBuffer : IDisposable
{
    public TensorBuffer(string name, long[] shape, float[]? values = null)
    {
        Name = name;
        Shape = shape;
        Values = values ?? new float[checked((int)shape.Aggregate(1L, (a, b) => a * b))];
        Value = OrtValue.CreateTensorValueFromMemory(Values, shape);
    }

    public string Name { get; }

    public long[] Shape { get; }

    public float[] Values { get; }

    public OrtValue Value { get; }

    public NamedTensor ToNamedTensor(string name) => new(name, (long[])Shape.Clone(), (float[])Values.Clone());

    public void Dispose() => Value.Dispose();
}
