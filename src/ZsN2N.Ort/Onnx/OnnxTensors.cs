using System.Runtime.InteropServices;
using Google.Protobuf;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Onnx;

/// <summary>Conversions between .NET arrays and ONNX <see cref="TensorProto"/> messages (raw little-endian data).</summary>
internal static class OnnxTensors
{
    /// <summary>A float32 tensor named <paramref name="name"/> with the given shape.</summary>
    /// <exception cref="ArgumentException">The element count does not match the shape.</exception>
    public static TensorProto FromFloats(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        ThrowIfCountMismatch(values.Length, dims);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        return tensor;
    }

    /// <summary>An int64 tensor named <paramref name="name"/> with the given shape.</summary>
    public static TensorProto FromInt64s(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        ThrowIfCountMismatch(values.Length, dims);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        return tensor;
    }

    /// <summary>A rank-0 float32 tensor.</summary>
    public static TensorProto Scalar(string name, float value) => FromFloats(name, [value]);

    /// <summary>A rank-1 int64 tensor.</summary>
    public static TensorProto Vector(string name, params long[] values) => FromInt64s(name, values, values.Length);

    /// <summary>The float32 elements of <paramref name="tensor"/>, from raw_data or float_data.</summary>
    /// <exception cref="ArgumentException">The tensor is not float32.</exception>
    public static float[] ToFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' has data type {tensor.DataType}, expected float32 (1).", nameof(tensor));
        }

        return tensor.RawData.IsEmpty
            ? tensor.FloatData.ToArray()
            : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }

    /// <summary>The int64 elements of <paramref name="tensor"/>, from raw_data or int64_data.</summary>
    /// <exception cref="ArgumentException">The tensor is not int64.</exception>
    public static long[] ToInt64s(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Int64)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' has data type {tensor.DataType}, expected int64 (7).", nameof(tensor));
        }

        return tensor.RawData.IsEmpty
            ? tensor.Int64Data.ToArray()
            : MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray();
    }

    /// <summary>The number of elements a tensor of shape <paramref name="dims"/> holds.</summary>
    public static long ElementCount(IEnumerable<long> dims) => dims.Aggregate(1L, (product, d) => product * d);

    private static void ThrowIfCountMismatch(int count, long[] dims)
    {
        if (count != ElementCount(dims))
        {
            throw new ArgumentException($"{count} values do not fill shape [{string.Join(", ", dims)}].");
        }
    }
}
