using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>A job as the API shows it: status, progress, metrics and links.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Status">Where the job is.</param>
/// <param name="Mode">What the job does with its upload.</param>
/// <param name="Sigma">The added noise's standard deviation in 0..1 units (only for <see cref="JobMode.AddNoise"/>).</param>
/// <param name="Preset">The training schedule chosen (the CLI's <c>--preset</c>).</param>
/// <param name="Quality">The network and ensembles chosen (the CLI's <c>--quality</c>).</param>
/// <param name="Noise">The noise mode chosen (the CLI's <c>--noise</c>): independent, camera or auto.</param>
/// <param name="NoiseEstimate">What auto found in the image: how correlated its noise is and how strong; null for another mode.</param>
/// <param name="NoiseDescription">The noise trained for, for people: "independent", "camera", or "camera (auto: correlated noise (ratio 0.46, level 9.5/255))".</param>
/// <param name="FileName">The upload's file name as sent (display only; never used as a path).</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Channels">1 for gray, 3 for colour.</param>
/// <param name="QueuePosition">Jobs ahead of this one while it is queued (0 = next).</param>
/// <param name="Iteration">Training steps done.</param>
/// <param name="TotalIterations">Training steps planned.</param>
/// <param name="Loss">The loss of the latest reported step.</param>
/// <param name="ElapsedSeconds">Training time so far.</param>
/// <param name="RemainingSeconds">
/// Estimated seconds until training ends. While the job runs: from its measured step rate, once a few steps are
/// measured (null before). While it waits: the training left of the jobs before it plus its own, at the speed last
/// measured here for its quality (null until one is). Null while finishing and once over.
/// </param>
/// <param name="Finishing">True once the last step is done, while the denoised image is computed and saved.</param>
/// <param name="PsnrNoisy">PSNR (dB) of the noisy image against the clean upload (only for <see cref="JobMode.AddNoise"/>).</param>
/// <param name="PsnrDenoised">PSNR (dB) of the denoised image against the clean upload (only for <see cref="JobMode.AddNoise"/>).</param>
/// <param name="Training">
/// What each training step sees: "the whole image", or for a large photo "N random WxH crops per step" (patch
/// training, docs/large-images.md).
/// </param>
/// <param name="Error">Why the job failed or was cancelled.</param>
/// <param name="CreatedAt">When the upload was accepted.</param>
/// <param name="FinishedAt">When the job stopped.</param>
/// <param name="ExpiresAt">When the job and its files will be deleted.</param>
/// <param name="Links">Where to read, watch, cancel and download.</param>
public sealed record JobView(
    string Id,
    JobStatus Status,
    JobMode Mode,
    double? Sigma,
    Preset Preset,
    Quality Quality,
    NoiseMode Noise,
    NoiseEstimate? NoiseEstimate,
    string NoiseDescription,
    string FileName,
    int Width,
    int Height,
    int Channels,
    int? QueuePosition,
    int Iteration,
    int TotalIterations,
    float? Loss,
    double ElapsedSeconds,
    double? RemainingSeconds,
    bool Finishing,
    double? PsnrNoisy,
    double? PsnrDenoised,
    string Training,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? ExpiresAt,
    JobLinks Links);

/// <summary>The URLs of one job; the download links are null until they exist.</summary>
/// <param name="Self">Status (GET) and deletion (DELETE).</param>
/// <param name="Events">Server-Sent Events with the status after every change.</param>
/// <param name="Cancel">POST to cancel.</param>
/// <param name="Input">The image that is denoised, as PNG.</param>
/// <param name="Result">The denoised PNG, once the job succeeded.</param>
/// <param name="Model">The per-image .onnx denoiser, once the job succeeded.</param>
public sealed record JobLinks(string Self, string Events, string Cancel, string? Input, string? Result, string? Model);
