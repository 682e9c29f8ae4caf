using ZsN2N.Ort.Options;

namespace ZsN2N.Web.Endpoints;

/// <summary>What this server accepts, the choices it offers and how long it keeps results: for the page's checks before uploading.</summary>
/// <param name="MaxBytes">Largest upload in bytes.</param>
/// <param name="MaxPixels">Largest width × height.</param>
/// <param name="Formats">The accepted image formats (<see cref="AcceptedFormats"/>).</param>
/// <param name="Iterations">Training steps of each speed choice (the form's <c>preset</c>).</param>
/// <param name="Qualities">The quality choices (the form's <c>quality</c>).</param>
/// <param name="Width">Feature channels of the network.</param>
/// <param name="ResultLifetimeSeconds">How long a finished job's results are kept.</param>
/// <param name="AbandonAfterSeconds">How long a job nobody watches runs on before it is cancelled.</param>
public sealed record UploadLimits(
    long MaxBytes,
    long MaxPixels,
    IReadOnlyList<AcceptedFormat> Formats,
    IReadOnlyDictionary<Preset, int> Iterations,
    IReadOnlyList<Quality> Qualities,
    int Width,
    double ResultLifetimeSeconds,
    double AbandonAfterSeconds);
