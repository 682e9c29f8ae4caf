namespace ZsN2N.Ort.Options;

/// <summary>The kind of noise a run expects, which decides what the network trains on (docs/camera-noise.md).</summary>
public enum NoiseMode
{
    /// <summary>
    /// Pixel-independent noise (Gaussian, Poisson: the paper's benchmarks): the official recipe, the network trained on
    /// the pair downsampler's halves of the image.
    /// </summary>
    Independent,

    /// <summary>
    /// A camera's noise, spread over neighbouring pixels by demosaicing, in-camera processing and JPEG: the network is
    /// trained on the image's 4 stride-2 pixel-shuffle sub-images as one batch, applied to them, and then once more to
    /// the whole image (<see cref="NoiseOptions.SecondPass"/>).
    /// </summary>
    Camera,

    /// <summary>
    /// <see cref="Camera"/> when the noisy image's own statistics say its noise is spatially correlated, else
    /// <see cref="Independent"/>; the plan says what was found (<see cref="Planning.TrainingPlan.NoiseEstimate"/>) and chosen.
    /// </summary>
    Auto,
}
