namespace ZsN2N.Ort.Imaging.Noise;

/// <summary>
/// Poisson draws from a seeded <see cref="Random"/>, following NumPy's legacy generator: Knuth's multiplication of
/// uniforms for λ &lt; 10, and Hörmann's transformed rejection with squeeze (PTRS, 1993) for λ ≥ 10, so the cost
/// stays bounded for bright pixels at high peaks. One instance per noise application, never shared.
/// </summary>
internal sealed class PoissonSampler(int seed)
{
    private readonly Random _random = new(seed);

    public long Next(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        return lambda < 10 ? Knuth(lambda) : TransformedRejection(lambda);
    }

    private long Knuth(double lambda)
    {
        double limit = Math.Exp(-lambda);
        long count = 0;
        double product = _random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= _random.NextDouble();
        }

        return count;
    }

    private long TransformedRejection(double lambda)
    {
        double sqrtLambda = Math.Sqrt(lambda);
        double logLambda = Math.Log(lambda);
        double b = 0.931 + 2.53 * sqrtLambda;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = _random.NextDouble() - 0.5;
            double v = _random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (long)k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log(a / (us * us) + b) <= -lambda + k * logLambda - LogGamma(k + 1))
            {
                return (long)k;
            }
        }
    }

    /// <summary>ln Γ(x) for x ≥ 1 by Stirling's series, shifting small arguments up to 7 first (as NumPy's loggam).</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
            8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
            1.796443723688307e-01, -1.39243221690590e+00,
        ];

        if (x is 1.0 or 2.0)
        {
            return 0.0;
        }

        int shift = x <= 7.0 ? (int)(7 - x) : 0;
        double x0 = x + shift;
        double inverseSquare = 1.0 / (x0 * x0);
        double series = coefficients[^1];
        for (int k = coefficients.Length - 2; k >= 0; k--)
        {
            series = series * inverseSquare + coefficients[k];
        }

        double result = series / x0 + 0.5 * Math.Log(2 * Math.PI) + (x0 - 0.5) * Math.Log(x0) - x0;
        for (int k = 0; k < shift; k++)
        {
            x0 -= 1.0;
            result -= Math.Log(x0);
        }

        return result;
    }
}
