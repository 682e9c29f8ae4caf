namespace ZsN2N.Web.Endpoints;

/// <summary>What this server accepts and how it trains.</summary>
/// <param name="MaxBytes">Largest upload in bytes.</param>
/// <param name="MaxPixels">Largest width × height.</param>
/// <param name="Iterations">Training steps per image.</param>
/// <param name="Width">Feature channels of the network.</param>
public sealed record UploadLimits(long MaxBytes, long MaxPixels, int Iterations, int Width);
