using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ZsN2N.Ort.Options;
using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// The fields of <c>POST /api/jobs</c>, sent as multipart/form-data and bound by the framework, so OpenAPI describes
/// each of them. The choices are the CLI's: <see cref="Preset"/> is <c>--preset</c>, <see cref="Quality"/> is
/// <c>--quality</c>, <see cref="Noise"/> is <c>--noise</c>.
/// </summary>
public sealed class UploadForm
{
    /// <summary>The image file.</summary>
    [Required]
    [Description("The image file; GET /api/limits lists the accepted formats and sizes.")]
    public IFormFile? Image { get; init; }

    /// <summary>What to do with the upload; <see cref="JobMode.Noisy"/> when left out.</summary>
    [Description("noisy (default): denoise the upload as it is. addNoise: add Gaussian noise of standard deviation sigma first, then denoise and report PSNR against the upload.")]
    public JobMode? Mode { get; init; }

    /// <summary>The standard deviation of the added noise in (0, 1] (only with <see cref="JobMode.AddNoise"/>); 25/255 when left out.</summary>
    [Description("Standard deviation of the added noise in (0, 1], for mode addNoise; default 25/255 = 0.098.")]
    public double? Sigma { get; init; }

    /// <summary>The training schedule, as the CLI's <c>--preset</c>; <see cref="Ort.Options.Preset.Official"/> when left out.</summary>
    [Description("official (default): the paper's schedule. fast: the same schedule in half the steps.")]
    public Preset? Preset { get; init; }

    /// <summary>The network and ensembles, as the CLI's <c>--quality</c>; <see cref="Ort.Options.Quality.Official"/> when left out.</summary>
    [Description("official (default): the paper's recipe. high: a deeper network, shift-augmented training and the self-ensemble, for about 1.7 times the time.")]
    public Quality? Quality { get; init; }

    /// <summary>The noise to expect, as the CLI's <c>--noise</c>; <see cref="NoiseMode.Independent"/> when left out.</summary>
    [Description("independent (default): pixel-independent noise (Gaussian, Poisson), the paper's recipe. camera: a camera's noise, spread over "
        + "neighbouring pixels by demosaicing, processing and JPEG (docs/camera-noise.md). auto: camera when the image's own noise reads as "
        + "spatially correlated, else independent; the job says what was found.")]
    public NoiseMode? Noise { get; init; }
}
