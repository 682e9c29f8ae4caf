namespace ZsN2N.Ort.Options;

/// <summary>The noise a run expects, and how the camera mode's denoiser is made (docs/camera-noise.md).</summary>
public sealed record NoiseOptions
{
    /// <summary>The kind of noise: <see cref="NoiseMode.Independent"/> (the official recipe, the default), camera, or chosen per image.</summary>
    public NoiseMode Mode { get; init; } = NoiseMode.Independent;

    /// <summary>
    /// In the camera mode, run the network once more over the whole image after the sub-images are shuffled back: it
    /// removes what the sub-images' grid leaves and gains on smooth photos (+0.56 dB on the dev camera crops); without
    /// it fine texture keeps more of its detail (docs/camera-noise.md). Default: true.
    /// </summary>
    public bool SecondPass { get; init; } = true;
}
