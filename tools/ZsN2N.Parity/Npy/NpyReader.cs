using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ZsN2N.Parity.Npy;

/// <summary>
/// Reads .npy files of format 1.0 holding little-endian float32 (<c>&lt;f4</c>) or float64 (<c>&lt;f8</c>) in C order,
/// which is what this tool and <c>numpy.save</c> of the PyTorch reference write.
/// </summary>
public static partial class NpyReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Not a .npy 1.0 file, Fortran order, another dtype, or truncated.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < NpyFormat.PreambleLength || !bytes.AsSpan(0, NpyFormat.Magic.Length).SequenceEqual(NpyFormat.Magic))
        {
            throw new InvalidDataException($"'{path}' is not a .npy file (bad magic).");
        }

        if (bytes[6] != 1 || bytes[7] != 0)
        {
            throw new InvalidDataException($"'{path}' is .npy version {bytes[6]}.{bytes[7]}; only 1.0 is supported.");
        }

        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2));
        if (NpyFormat.PreambleLength + headerLength > bytes.Length)
        {
            throw new InvalidDataException($"'{path}' is truncated inside its header.");
        }

        var header = Encoding.ASCII.GetString(bytes, NpyFormat.PreambleLength, headerLength);
        var descr = Field(DescrPattern(), header, path, "descr");
        if (Field(FortranPattern(), header, path, "fortran_order") != "False")
        {
            throw new InvalidDataException($"'{path}' is in Fortran order; only C order is supported.");
        }

        var shape = Field(ShapePattern(), header, path, "shape")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture))
            .ToArray();
        var elementSize = descr switch
        {
            NpyFormat.Float32 => 4,
            NpyFormat.Float64 => 8,
            _ => throw new InvalidDataException($"'{path}' holds dtype '{descr}'; only '<f4' and '<f8' are supported."),
        };

        var count = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        var data = bytes.AsSpan(NpyFormat.PreambleLength + headerLength);
        if (data.Length != (long)count * elementSize)
        {
            throw new InvalidDataException($"'{path}' has {data.Length} data bytes; shape {NpyFormat.ShapeTuple(shape)} of '{descr}' needs {(long)count * elementSize}.");
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = elementSize == 4
                ? BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * 4, 4))
                : BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(i * 8, 8));
        }

        return new NpyArray(shape, values, descr);
    }

    private static string Field(Regex pattern, string header, string path, string name)
    {
        var match = pattern.Match(header);
        return match.Success ? match.Groups[1].Value : throw new InvalidDataException($"'{path}' header has no '{name}': {header.Trim()}");
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
