using System.Diagnostics;
using System.Globalization;
using ZsN2N.Ort.Imaging;

// Mutation fuzzing of the decode path (issue 9), run as a child process so that a native crash in a decoder shows as
// a signal or non-zero exit code instead of taking the test host down.
//
//   zsn2n-fuzzhost --seed N [--seconds S] [--max-cases M] [--case-file PATH] [--replay PATH]
//
// Mutates valid PNG, JPEG, TIFF, WebP, BMP and GIF files (bit flips, interesting bytes, overwritten size fields,
// truncation, spliced and repeated blocks) and feeds each to ImageIo.Decode with small limits. Case i of seed N is a
// pure function of (N, i). Before each decode the bytes go to --case-file, so after a crash that file is the input
// that caused it; --replay PATH decodes one file. Exit codes: 0 done (one summary line on stdout), 2 bad arguments,
// 3 an exception other than ImageDecodeException (printed with the seed and case); a crash ends with its signal.
var options = ParseArguments(args);
if (options is null)
{
    Console.Error.WriteLine("usage: zsn2n-fuzzhost --seed N [--seconds S] [--max-cases M] [--case-file PATH] [--replay PATH]");
    return 2;
}

var limits = new ImageLimits { MaxWidth = 4096, MaxHeight = 4096, MaxPixels = 1_000_000, MaxFileBytes = 1 << 20 };
if (options.Replay is { } replay)
{
    return DecodeOne(File.ReadAllBytes(replay), limits, $"replay of {replay}", out _) ? 0 : 3;
}

byte[][] seeds = Seeds();
var clock = Stopwatch.StartNew();
int cases = 0, decoded = 0, refused = 0;
var errors = new Dictionary<ImageDecodeError, int>();
var slowest = (Time: TimeSpan.Zero, Case: -1);
while (cases < options.MaxCases && clock.Elapsed.TotalSeconds < options.Seconds)
{
    var random = new Random(unchecked((options.Seed * 1_000_003) ^ cases)); // not HashCode: its seed changes per process
    var data = Mutate(seeds[random.Next(seeds.Length)], random);
    if (options.CaseFile is { } caseFile)
    {
        File.WriteAllBytes(caseFile, data);
    }

    var started = clock.Elapsed;
    if (!DecodeOne(data, limits, $"seed {options.Seed} case {cases}", out var error))
    {
        return 3;
    }

    var took = clock.Elapsed - started;
    if (took > slowest.Time)
    {
        slowest = (took, cases);
    }

    if (error is { } e)
    {
        refused++;
        errors[e] = errors.GetValueOrDefault(e) + 1;
    }
    else
    {
        decoded++;
    }

    cases++;
}

var breakdown = string.Join(", ", errors.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"seed {options.Seed}: {cases} cases in {clock.Elapsed.TotalSeconds:F1} s, {decoded} decoded, {refused} refused ({breakdown}); " +
    $"slowest case {slowest.Case} ({slowest.Time.TotalMilliseconds:F0} ms); peak memory {Environment.WorkingSet / 1048576} MiB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB peak"));
return 0;

// True when the outcome is acceptable: a decoded image within the limits, or an ImageDecodeException.
static bool DecodeOne(byte[] data, ImageLimits limits, string label, out ImageDecodeError? error)
{
    error = null;
    try
    {
        var image = ImageIo.Decode(data, limits, "fuzz");
        if (image.Width > limits.MaxWidth || image.Height > limits.MaxHeight || (long)image.Width * image.Height > limits.MaxPixels)
        {
            Console.Error.WriteLine($"{label}: decoded {image.Width}x{image.Height}, beyond the limits");
            return false;
        }

        return true;
    }
    catch (ImageDecodeException e)
    {
        error = e.Error;
        return true;
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"{label}: unexpected {e.GetType().FullName}: {e}");
        return false;
    }
}

static byte[] Mutate(byte[] seed, Random random)
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

static byte[][] Seeds()
{
    var seeds = new List<byte[]>();
    foreach (var (channels, bitDepth, alpha) in new[] { (1, 8, false), (3, 8, false), (3, 16, false), (1, 16, true), (3, 8, true) })
    {
        var image = Pattern(channels, 24, 20, bitDepth, alpha);
        seeds.Add(ImageIo.Encode(image, ".png"));
        seeds.Add(ImageIo.Encode(image, ".tif"));
        if (bitDepth == 8)
        {
            seeds.Add(ImageIo.Encode(image, ".jpg"));
            seeds.Add(ImageIo.Encode(image, ".webp"));
            seeds.Add(ImageIo.Encode(image, ".bmp"));
        }
    }

    seeds.Add(AnimatedGif());
    return seeds.ToArray();
}

// A looping two-frame 4x4 GIF89a; LZW by hand, with a clear code before every two pixels so every code stays 3 bits.
static byte[] AnimatedGif()
{
    using var stream = new MemoryStream();
    stream.Write("GIF89a"u8);
    stream.Write([4, 0, 4, 0, 0xF1, 0, 0, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0x21, 0xFF, 11]);
    stream.Write("NETSCAPE2.0"u8);
    stream.Write([3, 1, 0, 0, 0]);
    foreach (byte index in new byte[] { 1, 2 })
    {
        stream.Write([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0, 0x2C, 0, 0, 0, 0, 4, 0, 4, 0, 0, 2]);
        var packed = new List<byte>();
        int bits = 0, bitCount = 0;
        foreach (var code in Enumerable.Range(0, 8).SelectMany(_ => new[] { 4, (int)index, index }).Append(5))
        {
            bits |= code << bitCount;
            for (bitCount += 3; bitCount >= 8; bitCount -= 8, bits >>= 8)
            {
                packed.Add((byte)bits);
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

static PlanarImage Pattern(int channels, int height, int width, int bitDepth, bool alpha)
{
    var max = bitDepth == 8 ? 255 : 65535;
    var pixels = new float[channels * height * width];
    for (var i = 0; i < pixels.Length; i++)
    {
        pixels[i] = (int)((i * 2654435761L) % (max + 1)) / (float)max;
    }

    ushort[]? alphaPlane = alpha ? Enumerable.Range(0, height * width).Select(i => (ushort)(i * 97 % (max + 1))).ToArray() : null;
    return new PlanarImage(channels, height, width, pixels, bitDepth, alphaPlane);
}

static Options? ParseArguments(string[] args)
{
    var options = new Options();
    for (var i = 0; i < args.Length; i++)
    {
        var value = i + 1 < args.Length ? args[i + 1] : null;
        switch (args[i])
        {
            case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                options = options with { Seed = seed };
                break;
            case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                options = options with { Seconds = seconds };
                break;
            case "--max-cases" when int.TryParse(value, CultureInfo.InvariantCulture, out var max) && max > 0:
                options = options with { MaxCases = max };
                break;
            case "--case-file" when value is not null:
                options = options with { CaseFile = value };
                break;
            case "--replay" when value is not null:
                options = options with { Replay = value };
                break;
            default:
                return null;
        }

        i++;
    }

    return options;
}

internal sealed record Options(int Seed = 0, double Seconds = 10, int MaxCases = int.MaxValue, string? CaseFile = null, string? Replay = null);
