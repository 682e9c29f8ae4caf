using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// The JSON API under <c>/api/jobs</c>: upload an image (202 and a job), read its status, watch it as Server-Sent
/// Events, cancel or delete it, and download its denoised PNG and .onnx model. Refusals are problem details: 413 too
/// large, 415 not an image, 422 an image that cannot be decoded, 429 queue full (with Retry-After).
/// </summary>
public static class DenoiseEndpoints
{
    /// <summary>The multipart field that carries the image.</summary>
    public const string ImageField = "image";

    // Room for the multipart boundaries and the small form fields around the image.
    private const long FormOverheadBytes = 64 * 1024;

    /// <summary>Maps the job endpoints under <c>/api/jobs</c>.</summary>
    public static RouteGroupBuilder MapDenoise(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/limits", GetLimits).WithTags("Jobs").WithName("GetLimits")
            .WithSummary("The upload limits and training settings of this server.");

        var group = endpoints.MapGroup("/api/jobs").WithTags("Jobs");

        group.MapPost("/", CreateJobAsync)
            .WithName("CreateJob")
            .WithSummary("Upload an image to denoise.")
            .WithDescription("multipart/form-data with the file in 'image'; 'mode' is 'noisy' (default: denoise the upload as it is) " +
                             "or 'addNoise' (add Gaussian noise of standard deviation 'sigma' in 0..1, default 25/255, then denoise and report PSNR).")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();

        group.MapGet("/{id}", GetJob).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetJob").WithSummary("The job's status, progress and links.");
        group.MapGet("/{id}/events", WatchJob).WithName("WatchJob").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Server-Sent Events: a 'job' event with the status after every change, until the job stops.");
        group.MapPost("/{id}/cancel", CancelJob).ProducesProblem(StatusCodes.Status404NotFound).WithName("CancelJob").WithSummary("Cancel a queued or running job.");
        group.MapDelete("/{id}", DeleteJob).ProducesProblem(StatusCodes.Status404NotFound).WithName("DeleteJob").WithSummary("Cancel the job if it runs and delete it with its files.");
        group.MapGet("/{id}/input.png", (string id, JobStore store) => GetFile(id, JobFile.Input, store))
            .WithName("GetInput").Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("The image that is denoised (the upload, or the upload with noise added), as PNG.");
        group.MapGet("/{id}/result.png", (string id, JobStore store) => GetFile(id, JobFile.Result, store))
            .WithName("GetResult").Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("The denoised image, as PNG.");
        group.MapGet("/{id}/model.onnx", (string id, JobStore store) => GetFile(id, JobFile.Model, store))
            .WithName("GetModel").Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("The per-image denoiser, as an ONNX model.");
        return group;
    }

    private static Ok<UploadLimits> GetLimits(IOptions<WebOptions> options)
    {
        var o = options.Value;
        return TypedResults.Ok(new UploadLimits(o.MaxBytes, o.MaxPixels, o.Iterations, o.Width));
    }

    private static async Task<Results<Accepted<JobView>, ValidationProblem, ProblemHttpResult>> CreateJobAsync(
        HttpContext context, JobStore store, DenoiseQueue queue, IOptions<WebOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Expected multipart/form-data",
                $"Send the image as multipart/form-data in the field '{ImageField}' (got '{request.ContentType ?? "no content type"}').");
        }

        var tooLarge = Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large",
            $"Uploads may be at most {settings.MaxBytes} bytes.");
        var bodyLimit = settings.MaxBytes + FormOverheadBytes;
        if (request.ContentLength > bodyLimit)
        {
            return tooLarge;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = bodyLimit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit }, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        catch (InvalidDataException e)
        {
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? tooLarge
                : Problem(StatusCodes.Status400BadRequest, "Malformed form", e.Message);
        }

        var errors = new Dictionary<string, string[]>();
        var file = form.Files.GetFile(ImageField);
        if (file is null)
        {
            errors[ImageField] = [$"Attach the image in the field '{ImageField}'."];
        }

        var mode = ParseMode(form["mode"], errors);
        var sigma = mode == JobMode.AddNoise ? ParseSigma(form["sigma"], errors) : (double?)null;
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (file!.Length > settings.MaxBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large",
                $"The file is {file.Length} bytes; uploads may be at most {settings.MaxBytes} bytes.");
        }

        var fileName = DisplayName(file.FileName);
        PlanarImage image;
        try
        {
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }

            if (bytes.Length == 0)
            {
                throw new ImageDecodeException(ImageDecodeError.Empty, fileName, "file is empty (0 bytes).");
            }

            image = ImageIo.Decode(bytes, settings.ToImageLimits(), fileName);
        }
        catch (ImageDecodeException e)
        {
            return DecodeProblem(e);
        }

        if (image.Width < 2 || image.Height < 2)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "Image too small",
                $"The image is {image.Width}x{image.Height}; denoising needs at least 2x2 pixels.");
        }

        PlanarImage? clean = null;
        if (mode == JobMode.AddNoise)
        {
            clean = image;
            image = new GaussianNoise(sigma!.Value, Random.Shared.Next()).Apply(clean);
        }

        var job = new Job(JobId.New(), store.NextSequence(), mode, sigma, fileName, image, clean, settings.Iterations, store.Now);
        store.Add(job);
        if (!queue.TryEnqueue(job))
        {
            store.Remove(job.Id, "The queue is full.");
            var retryAfter = (int)Math.Ceiling(settings.RetryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "Too many jobs",
                $"{settings.QueueCapacity} images are already waiting; try again in {retryAfter} s.");
        }

        try
        {
            await store.WriteAsync(job.Id, JobFile.Input, ImageIo.Encode(image, ".png"), CancellationToken.None);
            job.MarkInputWritten();
        }
        catch (IOException e)
        {
            store.Remove(job.Id, "The upload could not be stored.");
            return Problem(StatusCodes.Status500InternalServerError, "Could not store the upload", e.Message);
        }

        var view = ToView(job, store);
        return TypedResults.Accepted(view.Links.Self, view);
    }

    private static Results<Ok<JobView>, ProblemHttpResult> GetJob(string id, JobStore store)
    {
        if (store.Find(id) is not { } job)
        {
            return JobNotFound(id);
        }

        job.Touch(store.Now);
        return TypedResults.Ok(ToView(job, store));
    }

    private static Results<ServerSentEventsResult<JobView>, ProblemHttpResult> WatchJob(string id, JobStore store, CancellationToken cancellationToken) =>
        store.Find(id) is { } job
            ? TypedResults.ServerSentEvents(StreamAsync(job, store, cancellationToken))
            : JobNotFound(id);

    private static Results<Ok<JobView>, ProblemHttpResult> CancelJob(string id, JobStore store)
    {
        if (store.Find(id) is not { } job)
        {
            return JobNotFound(id);
        }

        job.Cancel("Cancelled by the visitor.", store.Now);
        return TypedResults.Ok(ToView(job, store));
    }

    private static Results<NoContent, ProblemHttpResult> DeleteJob(string id, JobStore store) =>
        store.Remove(id, "Deleted by the visitor.") ? TypedResults.NoContent() : JobNotFound(id);

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> GetFile(string id, JobFile file, JobStore store)
    {
        if (store.Find(id) is not { } job)
        {
            return JobNotFound(id);
        }

        var path = store.PathOf(job.Id, file);
        if (!File.Exists(path))
        {
            return Problem(StatusCodes.Status409Conflict, "Not available yet",
                $"Job {job.Id} is {job.Status.ToString().ToLowerInvariant()}; its {file.ToString().ToLowerInvariant()} is not available.");
        }

        var stem = Path.GetFileNameWithoutExtension(job.FileName);
        return file switch
        {
            JobFile.Model => TypedResults.PhysicalFile(path, "application/octet-stream", $"{stem}-denoiser.onnx"),
            JobFile.Result => TypedResults.PhysicalFile(path, "image/png", $"{stem}-denoised.png"),
            _ => TypedResults.PhysicalFile(path, "image/png"),
        };
    }

    private static async IAsyncEnumerable<SseItem<JobView>> StreamAsync(Job job, JobStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        job.AddWatcher(store.Now);
        try
        {
            while (true)
            {
                var (snapshot, version) = job.Snapshot();
                job.Touch(store.Now);
                yield return new SseItem<JobView>(ToView(job, store), "job");
                if (snapshot.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled)
                {
                    yield break;
                }

                try
                {
                    // Wake on the next change, or every 15 s so a proxy sees traffic; then at most ~8 events a second.
                    await job.WaitForChangeAsync(version, cancellationToken).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
                    await Task.Delay(120, cancellationToken);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
        }
        finally
        {
            job.RemoveWatcher(store.Now);
        }
    }

    internal static JobView ToView(Job job, JobStore store)
    {
        var (state, _) = job.Snapshot();
        var self = $"/api/jobs/{job.Id}";
        var succeeded = state.Status == JobStatus.Succeeded;
        var progress = state.Progress;
        return new JobView(
            job.Id,
            state.Status,
            job.Mode,
            job.Sigma,
            job.FileName,
            job.Width,
            job.Height,
            job.Channels,
            store.QueuePosition(job),
            progress?.Iteration ?? 0,
            job.TotalIterations,
            progress?.Loss,
            progress?.Elapsed.TotalSeconds ?? 0,
            state.Status == JobStatus.Running && progress is { } p ? p.Remaining.TotalSeconds : null,
            state.PsnrNoisy,
            state.PsnrDenoised,
            state.Training,
            state.Error,
            job.CreatedAt,
            state.FinishedAt,
            store.ExpiresAt(state.FinishedAt),
            new JobLinks(
                self,
                $"{self}/events",
                $"{self}/cancel",
                state.InputWritten ? $"{self}/input.png" : null,
                succeeded ? $"{self}/result.png" : null,
                succeeded ? $"{self}/model.onnx" : null));
    }

    private static JobMode ParseMode(string? value, Dictionary<string, string[]> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "noisy":
                return JobMode.Noisy;
            case "addnoise" or "add-noise" or "add_noise":
                return JobMode.AddNoise;
            default:
                errors["mode"] = [$"'{value}' is not a mode; use 'noisy' or 'addNoise'."];
                return JobMode.Noisy;
        }
    }

    private static double ParseSigma(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 25.0 / 255;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sigma) && double.IsFinite(sigma) && sigma is > 0 and <= 1)
        {
            return sigma;
        }

        errors["sigma"] = [$"'{value}' is not a noise level; give the standard deviation in (0, 1], e.g. 0.098 for 25/255."];
        return 0;
    }

    private static ProblemHttpResult DecodeProblem(ImageDecodeException e) => e.Error switch
    {
        ImageDecodeError.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Image too large", e.Message),
        ImageDecodeError.UnknownFormat => Problem(StatusCodes.Status415UnsupportedMediaType, "Not an image",
            $"{e.Message} Upload a PNG, JPEG, BMP, TIFF or WebP image."),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, "Image cannot be decoded", e.Message),
    };

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    private static ProblemHttpResult JobNotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "No such job", JobId.IsValid(id) ? "The job does not exist or has expired." : "That is not a job id.");

    // The name is shown and offered as a download name, never used as a path: keep its last segment, printable and short.
    private static string DisplayName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).Take(100).ToArray()).Trim();
        return name.Length == 0 ? "image" : name;
    }
}
