using System.Buffers.Binary;
using System.Text;

namespace ZsN2N.Parity.Npy;

/// <summary>Writes float32 arrays as .npy files (format 1.0, <c>&lt;f4</c>, C order) that <c>numpy.load</c> reads.</summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="values"/>, laid out as <paramref name="shape"/>, to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly <paramref name="values"/>.Length elements, or a dimension is negative.</exception>
    public static void Write(string path, ReadOnlySpan<float> values, long[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException($"Shape {NpyFormat.ShapeTuple(shape)} has a negative dimension.", nameof(shape));
        }

        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
        {
            throw new ArgumentException($"Shape {NpyFormat.ShapeTuple(shape)} holds {count} elements, not {values.Length}.", nameof(shape));
        }

        var dict = $"{{'descr': '{NpyFormat.Float32}', 'fortran_order': False, 'shape': {NpyFormat.ShapeTuple(shape)}, }}";
        var unpadded = NpyFormat.PreambleLength + dict.Length + 1;
        var padding = (NpyFormat.Alignment - (unpadded % NpyFormat.Alignment)) % NpyFormat.Alignment;
        var header = dict + new string(' ', padding) + "\n";

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(NpyFormat.Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)header.Length));
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));

        Span<byte> element = stackalloc byte[4];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(element, value);
            stream.Write(element);
        }
    }

    /// <summary>Writes a one-element array of shape [1] (how the reference stores a scalar loss).</summary>
    public static void WriteScalar(string path, float value) => Write(path, [value], [1]);
}
