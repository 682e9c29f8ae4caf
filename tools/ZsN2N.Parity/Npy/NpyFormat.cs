using System.Globalization;

namespace ZsN2N.Parity.Npy;

/// <summary>
/// Constants of the NumPy .npy format, version 1.0: the magic string <c>\x93NUMPY</c>, the version bytes 1, 0,
/// a little-endian uint16 header length, then an ASCII Python dict literal padded with spaces and ended by '\n'
/// so that the data starts on a 64-byte boundary.
/// </summary>
internal static class NpyFormat
{
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Magic, two version bytes and the header length.</summary>
    public const int PreambleLength = 10;

    public const int Alignment = 64;

    public const string Float32 = "<f4";

    public const string Float64 = "<f8";

    /// <summary>A Python tuple literal: <c>()</c>, <c>(5,)</c> or <c>(1, 3, 64, 64)</c>.</summary>
    public static string ShapeTuple(long[] shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})",
    };
}
