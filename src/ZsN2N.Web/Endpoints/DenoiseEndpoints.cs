using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ZsN2N.Ort.Options;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// The JSON API under <c>/api/jobs</c>: upload an image (202 and a job, see <see cref="JobUploads"/>), read its status,
/// watch it as Server-Sent Events, cancel or delete it, and download its denoised PNG and .onnx model. Refusals are
/// problem details: 413 too large, 415 not an image, 422 an image that cannot be decoded, 429 queue full (with
/// Retry-After).
/// </summary>
public static class DenoiseEndpoints
{
    /// <summary>Maps <c>GET /api/limits</c> and the job endpoints under <c>/api/jobs</c>.</summary>
    public static RouteGroupBuilder MapDenoise(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/limits", GetLimits).WithTags("Jobs").WithName("GetLimits")
            .WithSummary("What this server accepts (formats, bytes, pixels) and the choices it offers.");

        var group = endpoints.MapGroup("/api/jobs").WithTags("Jobs");

        group.MapPost("/", JobUploads.CreateJobAsync)
            .WithName("CreateJob")
            .WithSummary("Upload an image to denoise.")
            .WithDescription("multipart/form-data: the file in 'image'; 'mode', 'sigma', 'preset' and 'quality' choose what is done with it.")
            .WithMetadata(new UploadBodyLimit(endpoints.ServiceProvider.GetRequiredService<IOptions<WebOptions>>()))
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

    private static Ok<UploadLimits> GetLimits(IOptions<WebOptions> options, DenoiserChoices denoisers)
    {
        var settings = options.Value;
        var steps = Enum.GetValues<Preset>().ToDictionary(preset => preset, preset => denoisers.For(preset, Quality.Official, NoiseMode.Independent).Options.Schedule.Iterations);
        return TypedResults.Ok(new UploadLimits(settings.MaxBytes, settings.MaxPixels, AcceptedFormats.All, steps, Enum.GetValues<Quality>(), settings.Width,
            settings.ResultLifetime.TotalSeconds, settings.AbandonAfter.TotalSeconds));
    }

    private static Results<Ok<JobView>, ProblemHttpResult> GetJob(string id, JobStore store)
    {
        if (store.Find(id) is not { } job)
        {
            return JobNotFound(id);
        }

        job.Touch(store.Now);
        return TypedResults.Ok(JobViews.Of(job, store));
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
        return TypedResults.Ok(JobViews.Of(job, store));
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
            return ApiProblems.Of(StatusCodes.Status409Conflict, "Not available yet",
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
                yield return new SseItem<JobView>(JobViews.Of(job, store), "job");
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

    private static ProblemHttpResult JobNotFound(string id) =>
        ApiProblems.Of(StatusCodes.Status404NotFound, "No such job", JobId.IsValid(id) ? "The job does not exist or has expired." : "That is not a job id.");
}
