namespace ZsN2N.Web.Jobs;

/// <summary>The files a job keeps in its folder. Names are fixed here; no request ever supplies one.</summary>
public enum JobFile
{
    /// <summary>The image that was denoised (the upload, or the upload with noise added), as PNG.</summary>
    Input,

    /// <summary>The denoised image, as PNG.</summary>
    Result,

    /// <summary>The per-image denoiser, as ONNX.</summary>
    Model,
}
