namespace ZsN2N.Tests.Shared;

/// <summary>
/// A looping two-frame 4x4 GIF89a (red frame, then green), LZW-coded by hand: OpenCV encodes no GIF, so this is the GIF
/// of the hostile corpus and a seed file of the fuzz host. Shared (linked) by the test projects and tools/ZsN2N.FuzzHost.
/// </summary>
internal static class AnimatedGif
{
    /// <summary>
    /// The file's bytes: 2-bit minimum code size, a clear code after every two pixels so every code stays 3 bits wide.
    /// </summary>
    public static byte[] Create()
    {
        using var stream = new MemoryStream();
        stream.Write("GIF89a"u8);
        stream.Write([4, 0, 4, 0, 0xF1, 0, 0]); // 4x4, global colour table of 4 entries
        stream.Write([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
        stream.Write([0x21, 0xFF, 11]);
        stream.Write("NETSCAPE2.0"u8);
        stream.Write([3, 1, 0, 0, 0]); // loop forever
        foreach (byte index in new byte[] { 1, 2 })
        {
            stream.Write([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0]); // graphic control: 0.1 s, keep frame
            stream.Write([0x2C, 0, 0, 0, 0, 4, 0, 4, 0, 0]);
            stream.WriteByte(2);
            var codes = new List<int>();
            for (var i = 0; i < 16; i += 2)
            {
                codes.AddRange([4, index, index]);
            }

            codes.Add(5);
            var packed = new List<byte>();
            int bits = 0, bitCount = 0;
            foreach (var code in codes)
            {
                bits |= code << bitCount;
                bitCount += 3;
                while (bitCount >= 8)
                {
                    packed.Add((byte)bits);
                    bits >>= 8;
                    bitCount -= 8;
                }
            }

            if (bitCount > 0)
            {
                packed.Add((byte)bits);
            }

            stream.WriteByte((byte)packed.Count);
            stream.Write(packed.ToArray());
            stream.WriteByte(0);
        }

        stream.WriteByte(0x3B);
        return stream.ToArray();
    }
}
