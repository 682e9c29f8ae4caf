namespace ZsN2N.Ort.Options;

/// <summary>Whether each training step sees the whole image or a random crop of it.</summary>
public enum PatchTrainingMode
{
    /// <summary>Random crops when the image has more than <see cref="PatchTrainingOptions.ThresholdPixels"/> pixels, else the whole image.</summary>
    Auto,

    /// <summary>Always random crops of <see cref="PatchTrainingOptions.Size"/> (the whole image when it is not larger).</summary>
    Always,

    /// <summary>Always the whole image, as the ZS-N2N notebook does; memory and step time grow with the image.</summary>
    Never,
}
