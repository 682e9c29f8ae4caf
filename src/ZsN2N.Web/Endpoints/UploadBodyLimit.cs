using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// Metadata of the upload endpoint: the request body limit the server enforces before the form is read,
/// <see cref="WebOptions.MaxBytes"/> plus room for the multipart framing, taken from the options at each request
/// (so mapping the endpoint does not read them before they are validated at start). Kestrel refuses a larger
/// declared body at once and stops a larger streamed one, answering 413; <see cref="ApiProblems"/> words it.
/// </summary>
internal sealed class UploadBodyLimit(IOptions<WebOptions> options) : IRequestSizeLimitMetadata
{
    /// <summary>Room for the multipart boundaries and the small form fields around the image.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>The largest image file.</summary>
    public long MaxFileBytes => options.Value.MaxBytes;

    /// <inheritdoc/>
    public long? MaxRequestBodySize => MaxFileBytes + FormOverheadBytes;
}
