using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Onnx;

/// <summary>Factories and readers for graph input and output declarations.</summary>
internal static class OnnxValueInfos
{
    /// <summary>A float32 tensor declaration; a dimension is a <see cref="long"/> size or a <see cref="string"/> symbol.</summary>
    public static ValueInfoProto Float(string name, params object[] dims) =>
        Tensor(name, TensorProto.Types.DataType.Float, dims);

    /// <summary>A tensor declaration of element type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is neither a size nor a symbol.</exception>
    public static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => throw new ArgumentException($"Dimension '{dim}' of '{name}' is neither a size nor a symbol.", nameof(dims)),
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    /// <summary>The concrete shape of <paramref name="value"/>.</summary>
    /// <exception cref="InvalidOperationException">A dimension is symbolic or unknown.</exception>
    public static long[] ConcreteShape(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            ? d.DimValue
            : throw new InvalidOperationException($"'{value.Name}' has a symbolic dimension '{d.DimParam}'; bind it first.")).ToArray();
}
