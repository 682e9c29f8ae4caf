using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Training;

/// <summary>
/// Draws the random crops of patch training and of shift augmentation from one image, reproducibly for a seed.
/// By default crop origins are even, so each crop's 2×2 blocks are blocks of the whole image and the pair
/// downsampler (Mansour &amp; Heckel, Section 3) forms the same pixel pairs as whole-image training does; with
/// <c>anyOrigin</c> they may be odd too, which moves the 2×2 grid and so pairs other pixels. With
/// <c>evenCoverage</c> (patch training) every pixel is in about as many crops as any other. Purely managed.
/// </summary>
internal sealed class PatchSampler
{
    private readonly PlanarImage _image;
    private readonly bool _anyOrigin;
    private readonly bool _evenCoverage;
    private SplitMix64 _random;

    /// <summary>A sampler of <paramref name="height"/> x <paramref name="width"/> crops of <paramref name="image"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The crop is larger than the image or smaller than 2x2.</exception>
    public PatchSampler(PlanarImage image, int height, int width, ulong seed, bool anyOrigin = false, bool evenCoverage = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, image.Height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, image.Width);
        _image = image;
        _anyOrigin = anyOrigin;
        _evenCoverage = evenCoverage;
        Height = height;
        Width = width;

        // Decorrelate from the weight initialiser, which draws from the same seed.
        _random = new SplitMix64(seed ^ 0x5041_5443_4845_5321UL);
    }

    /// <summary>Crop height.</summary>
    public int Height { get; }

    /// <summary>Crop width.</summary>
    public int Width { get; }

    /// <summary>Values in one crop, [C, Height, Width].</summary>
    public int Length => _image.Channels * Height * Width;

    /// <summary>
    /// The next crop origin: even unless <c>anyOrigin</c>, and uniform over the origins that keep the crop inside the
    /// image unless <c>evenCoverage</c>. Then it is uniform over the origins whose crop overlaps the image by at least
    /// one 2×2 block (one pixel with <c>anyOrigin</c>), clamped inside it. Origins uniform inside the image would put a
    /// pixel at its edge in crop size / 2 times fewer crops than one a crop size in, and leave a crop-wide frame
    /// under-trained (0.2 dB lower PSNR on a 752 x 600 photo with 128 x 128 crops, docs/large-images.md).
    /// </summary>
    public (int Top, int Left) NextOrigin() => (Offset(_image.Height - Height, Height), Offset(_image.Width - Width, Width));

    /// <summary>Copies the next random crop into <paramref name="destination"/>, [C, Height, Width]; returns its origin.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not <see cref="Length"/> long.</exception>
    public (int Top, int Left) Next(Span<float> destination)
    {
        if (destination.Length != Length)
        {
            throw new ArgumentException($"The destination has {destination.Length} values; a [{_image.Channels}, {Height}, {Width}] crop needs {Length}.", nameof(destination));
        }

        var (top, left) = NextOrigin();
        for (var c = 0; c < _image.Channels; c++)
        {
            for (var y = 0; y < Height; y++)
            {
                _image.GetRow(c, top + y).Slice(left, Width).CopyTo(destination.Slice((c * Height + y) * Width, Width));
            }
        }

        return (top, left);
    }

    private int Offset(int slack, int size)
    {
        var step = _anyOrigin ? 1 : 2;
        var origins = slack / step + 1;
        var overhang = _evenCoverage ? size / step - 1 : 0;
        var k = (int)(_random.NextDouble() * (origins + 2 * overhang)) - overhang;
        return step * Math.Clamp(k, 0, origins - 1);
    }
}
