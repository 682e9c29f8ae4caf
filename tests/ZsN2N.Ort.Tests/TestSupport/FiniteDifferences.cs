namespace ZsN2N.Ort.Tests.TestSupport;

/// <summary>Central finite differences of a scalar function of one tensor, element by element.</summary>
internal static class FiniteDifferences
{
    /// <summary>d f / d values[i] ≈ (f(v + εeᵢ) - f(v - εeᵢ)) / 2ε for every i; <paramref name="values"/> is restored.</summary>
    public static double[] Gradient(float[] values, float epsilon, Func<double> f)
    {
        var gradient = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var original = values[i];
            values[i] = original + epsilon;
            var plus = f();
            values[i] = original - epsilon;
            var minus = f();
            values[i] = original;
            gradient[i] = (plus - minus) / (2.0 * epsilon);
        }

        return gradient;
    }

    /// <summary>The largest element-wise error relative to the largest gradient magnitude.</summary>
    public static double MaxRelativeError(double[] expected, float[] actual)
    {
        var scale = expected.Max(Math.Abs);
        var error = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        return error / Math.Max(scale, 1e-12);
    }
}
