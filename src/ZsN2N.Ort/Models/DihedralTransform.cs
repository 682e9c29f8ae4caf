namespace ZsN2N.Ort.Models;

/// <summary>
/// One of the 8 symmetries of a square (the dihedral group D4) acting on an image: an optional transpose (swap of
/// rows and columns), then optional flips of the rows (upside down) and of the columns (mirror). Rotations by 90°
/// are a transpose and one flip.
/// </summary>
/// <param name="Transpose">Swap rows and columns first.</param>
/// <param name="FlipRows">Then reverse the order of the rows.</param>
/// <param name="FlipColumns">Then reverse the order of the columns.</param>
internal readonly record struct DihedralTransform(bool Transpose, bool FlipRows, bool FlipColumns)
{
    /// <summary>The 8 transforms, the identity first.</summary>
    public static IReadOnlyList<DihedralTransform> All { get; } =
        [.. from transpose in new[] { false, true }
            from flipRows in new[] { false, true }
            from flipColumns in new[] { false, true }
            select new DihedralTransform(transpose, flipRows, flipColumns)];

    /// <summary>The identity.</summary>
    public static DihedralTransform Identity => default;

    /// <summary>A short name for graph tensors and messages, e.g. <c>t_r_c</c>; the identity is <c>id</c>.</summary>
    public override string ToString() =>
        this == Identity ? "id" : string.Join('_', new[] { Transpose ? "t" : "", FlipRows ? "r" : "", FlipColumns ? "c" : "" }.Where(s => s.Length > 0));
}
