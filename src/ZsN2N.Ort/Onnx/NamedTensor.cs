namespace ZsN2N.Ort.Onnx;

/// <summary>A named float32 tensor held in managed memory, row-major.</summary>
/// <param name="Name">The graph tensor name.</param>
/// <param name="Shape">The dimensions, outermost first.</param>
/// <param name="Values">The elements; the array is owned by this record.</param>
internal sealed record NamedTensor(string Name, long[] Shape, float[] Values)
{
    /// <summary>A tensor of zeros shaped like this one, under another name.</summary>
    public NamedTensor ZerosLike(string name) => new(name, (long[])Shape.Clone(), new float[Values.Length]);
}
