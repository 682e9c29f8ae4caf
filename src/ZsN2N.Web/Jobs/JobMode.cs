namespace ZsN2N.Web.Jobs;

/// <summary>What a job does with its upload.</summary>
public enum JobMode
{
    /// <summary>The upload is noisy: denoise it as it is.</summary>
    Noisy,

    /// <summary>The original demo: the upload is clean; add Gaussian noise, denoise, and report PSNR against it.</summary>
    AddNoise,
}
