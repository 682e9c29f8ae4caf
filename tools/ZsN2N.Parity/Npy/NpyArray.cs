namespace ZsN2N.Parity.Npy;

/// <summary>An array read from a .npy file, widened to double whatever its stored element type.</summary>
/// <param name="Shape">The dimensions, outermost first; empty for a scalar.</param>
/// <param name="Values">The elements in C (row-major) order.</param>
/// <param name="Descr">The stored dtype, e.g. <c>&lt;f4</c> or <c>&lt;f8</c>.</param>
public sealed record NpyArray(long[] Shape, double[] Values, string Descr)
{
    /// <summary>The elements narrowed to float32.</summary>
    public float[] ToSingles() => Array.ConvertAll(Values, v => (float)v);

    /// <summary>The shape as numpy prints it, e.g. <c>(1, 3, 64, 64)</c>.</summary>
    public string ShapeText => NpyFormat.ShapeTuple(Shape);
}
