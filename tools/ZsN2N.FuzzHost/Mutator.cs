namespace ZsN2N.FuzzHost;

/// <summary>Mutations of a valid file: bit flips, interesting bytes, overwritten size fields, truncation, spliced and repeated blocks.</summary>
internal static class Mutator
{
    /// <summary>A copy of <paramref name="seed"/> with 1 to 8 mutations drawn from <paramref name="random"/>.</summary>
    public static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var count = 1 + random.Next(random.Next(2) == 0 ? 2 : 8);
        for (var m = 0; m < count && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0: // flip a bit
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // an interesting byte
                    data[at] = (byte)new[] { 0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE }[random.Next(6)];
                    break;
                case 2: // an interesting 32-bit value, e.g. over a size or offset field
                    var value = new[] { 0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu, 0x0000FFFFu, 0x00010000u, (uint)random.Next() }[random.Next(8)];
                    for (var k = 0; k < 4 && at + k < data.Count; k++)
                    {
                        data[at + k] = (byte)(value >> (8 * (random.Next(2) == 0 ? k : 3 - k)));
                    }

                    break;
                case 3: // truncate
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4: // repeat a block
                    var length = Math.Min(1 + random.Next(64), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 5: // delete a block
                    data.RemoveRange(at, Math.Min(1 + random.Next(32), data.Count - at));
                    break;
                default: // random bytes
                    for (var k = random.Next(16); k >= 0 && at + k < data.Count; k--)
                    {
                        data[at + k] = (byte)random.Next(256);
                    }

                    break;
            }
        }

        return data.ToArray();
    }
}
