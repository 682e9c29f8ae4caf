namespace ZsN2N.Ort.Tests.TestSupport;

/// <summary>Seeded random tensors for tests.</summary>
internal static class TestRandom
{
    public static float[] Uniform(int seed, int count, float low = -1f, float high = 1f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => low + (float)random.NextDouble() * (high - low)).ToArray();
    }
}
