namespace ZsN2N.Ort.Imaging.Noise;

/// <summary>
/// Standard normal draws from a seeded <see cref="Random"/> by the Box–Muller transform: two uniforms u1 ∈ (0, 1],
/// u2 ∈ [0, 1) give r = √(−2 ln u1) and the pair r·cos 2πu2, r·sin 2πu2; the second is kept for the next call.
/// One instance per noise application, never shared.
/// </summary>
internal sealed class NormalSampler(int seed)
{
    private readonly Random _random = new(seed);
    private double _spare;
    private bool _hasSpare;

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double radius = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble()));
        double angle = 2 * Math.PI * _random.NextDouble();
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
