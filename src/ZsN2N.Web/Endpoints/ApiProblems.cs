using Microsoft.AspNetCore.Http.HttpResults;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// The problem details (RFC 9457) this API answers with, in one place: the handlers' refusals, and the words for the
/// framework's own bare answers to the upload endpoint (413 when the body passes the limit before the form is bound,
/// 415 for a body that is not a form), which <see cref="Describe"/> fills in; the status code tells them apart, never
/// an exception's message.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The multipart field that carries the image.</summary>
    public const string ImageField = "image";

    /// <summary>413 for a file above <paramref name="maxBytes"/>, with its size when known.</summary>
    public static ProblemHttpResult UploadTooLarge(long maxBytes, long? fileBytes = null) =>
        Of(StatusCodes.Status413PayloadTooLarge, "Upload too large", TooLargeDetail(maxBytes, fileBytes));

    /// <summary>The 413, 415 or 422 an image that cannot be taken gets.</summary>
    public static ProblemHttpResult Undecodable(ImageDecodeException e) => e.Error switch
    {
        ImageDecodeError.TooLarge => Of(StatusCodes.Status413PayloadTooLarge, "Image too large", e.Message),
        ImageDecodeError.UnknownFormat => Of(StatusCodes.Status415UnsupportedMediaType, "Not an image", $"{e.Message} Upload a {AcceptedFormats.Names} image."),
        _ => Of(StatusCodes.Status422UnprocessableEntity, "Image cannot be decoded", e.Message),
    };

    /// <summary>Problem details with <paramref name="status"/>, <paramref name="title"/> and <paramref name="detail"/>.</summary>
    public static ProblemHttpResult Of(int status, string title, string detail) => TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>Words the framework's bare 413 and 415 answers to the upload; leaves every other answer alone.</summary>
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        switch (problem.Status)
        {
            case StatusCodes.Status413PayloadTooLarge when context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<UploadBodyLimit>() is { } limit:
                problem.Title = "Upload too large";
                problem.Detail = TooLargeDetail(limit.MaxFileBytes, null);
                break;

            // Routing answers 415 before any endpoint is chosen, for a body its endpoint does not accept; the upload
            // is the one endpoint here that takes a body.
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Title = "Expected multipart/form-data";
                problem.Detail = $"Send the image as multipart/form-data in the field '{ImageField}' (got '{context.HttpContext.Request.ContentType ?? "no content type"}').";
                break;
        }
    }

    private static string TooLargeDetail(long maxBytes, long? fileBytes) =>
        (fileBytes is { } size ? $"The file is {ByteSize.Format(size)}; uploads" : "Uploads") + $" may be at most {ByteSize.Format(maxBytes)} ({maxBytes} bytes).";
}
