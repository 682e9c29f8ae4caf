using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Planning;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// <c>POST /api/jobs</c>: checks an upload from the cheapest test to the dearest (its fields, its size, its header
/// against the pixel limits and the run's memory estimate, then decoding) and queues it as a job. Nothing is written
/// for a refused upload.
/// </summary>
internal static class JobUploads
{
    /// <summary>The noise level of <see cref="JobMode.AddNoise"/> when the form gives none: 25/255, the paper's.</summary>
    public const double DefaultSigma = 25.0 / 255;

    public static async Task<Results<Accepted<JobView>, ValidationProblem, ProblemHttpResult>> CreateJobAsync(
        [FromForm] UploadForm form, HttpContext context, JobStore store, DenoiseQueue queue, DenoiserChoices denoisers, IOptions<WebOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = Check(form);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var file = form.Image!;
        if (file.Length > settings.MaxBytes)
        {
            return ApiProblems.UploadTooLarge(settings.MaxBytes, file.Length);
        }

        var fileName = DisplayName(file.FileName);
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var (preset, quality, noise) = (form.Preset ?? Preset.Official, form.Quality ?? Quality.Official, form.Noise ?? NoiseMode.Independent);
        var denoiser = denoisers.For(preset, quality, noise);
        var minSide = TrainingPlan.MinSide(noise);
        PlanarImage image;
        try
        {
            var header = ImageHeaderReader.Read(bytes, fileName);
            settings.ToImageLimits().CheckDimensions(header, fileName);
            // An image too small has no plan; it is refused as too small once decoded.
            if (Math.Min(header.Width, header.Height) >= minSide && MemoryRefusal(denoiser, header, quality) is { } refusal)
            {
                return refusal;
            }

            image = ImageIo.Decode(bytes, settings.ToImageLimits(), fileName);
        }
        catch (ImageDecodeException e)
        {
            return ApiProblems.Undecodable(e);
        }

        if (Math.Min(image.Width, image.Height) < minSide)
        {
            return ApiProblems.Of(StatusCodes.Status422UnprocessableEntity, "Image too small",
                $"The image is {image.Width}x{image.Height}; denoising {(noise == NoiseMode.Camera ? "in the camera mode " : "")}needs at least {minSide}x{minSide} pixels.");
        }

        var mode = form.Mode ?? JobMode.Noisy;
        var sigma = mode == JobMode.AddNoise ? form.Sigma ?? DefaultSigma : (double?)null;
        PlanarImage? clean = null;
        if (mode == JobMode.AddNoise)
        {
            clean = image;
            image = new GaussianNoise(sigma!.Value, Random.Shared.Next()).Apply(clean);
        }

        var job = new Job(JobId.New(), store.NextSequence(), mode, sigma, fileName, image, clean, Plan(denoiser, image, preset, quality, noise), store.Now);
        store.Add(job);
        if (!queue.TryEnqueue(job))
        {
            store.Remove(job.Id, "The queue is full.");
            var retryAfter = (int)Math.Ceiling(settings.RetryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Of(StatusCodes.Status429TooManyRequests, "Too many jobs",
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
            return ApiProblems.Of(StatusCodes.Status500InternalServerError, "Could not store the upload", e.Message);
        }

        var view = JobViews.Of(job, store);
        return TypedResults.Accepted(view.Links.Self, view);
    }

    // The form's own mistakes, each under its field's name. The framework has bound the types already (a word where
    // a number belongs is its 400); what is left are values out of range.
    private static Dictionary<string, string[]> Check(UploadForm form)
    {
        var errors = new Dictionary<string, string[]>();
        if (form.Image is null)
        {
            errors[ApiProblems.ImageField] = [$"Attach the image in the field '{ApiProblems.ImageField}'."];
        }

        if (form.Mode is { } mode && !Enum.IsDefined(mode))
        {
            errors["mode"] = [$"'{(int)mode}' is not a mode; use 'noisy' or 'addNoise'."];
        }

        if (form.Mode == JobMode.AddNoise && form.Sigma is { } sigma && !(double.IsFinite(sigma) && sigma is > 0 and <= 1))
        {
            errors["sigma"] = [string.Create(CultureInfo.InvariantCulture, $"{sigma} is not a noise level; give the standard deviation in (0, 1], e.g. 0.098 for 25/255.")];
        }

        if (form.Preset is { } preset && !Enum.IsDefined(preset))
        {
            errors["preset"] = [$"'{(int)preset}' is not a preset; use 'official' or 'fast'."];
        }

        if (form.Quality is { } quality && !Enum.IsDefined(quality))
        {
            errors["quality"] = [$"'{(int)quality}' is not a quality; use 'official' or 'high'."];
        }

        if (form.Noise is { } noise && !Enum.IsDefined(noise))
        {
            errors["noise"] = [$"'{(int)noise}' is not a noise mode; use 'independent', 'camera' or 'auto'."];
        }

        return errors;
    }

    // The engine refuses a run whose estimate exceeds its memory limit; here that is known from the header, so the
    // visitor hears it at once instead of after the queue.
    private static ProblemHttpResult? MemoryRefusal(ImagePipeline denoiser, ImageHeader header, Quality quality)
    {
        var plan = denoiser.Plan(header);
        if (plan.FitsMemory)
        {
            return null;
        }

        var advice = quality == Quality.High ? "quality 'official' or a smaller image" : "a smaller image";
        return ApiProblems.Of(StatusCodes.Status413PayloadTooLarge, "Image too large for this server",
            $"Denoising this {header.Width}x{header.Height} image (training on {plan.Description}) would need about {ByteSize.Format(plan.Memory.TotalBytes)}, " +
            $"more than the {ByteSize.Format(plan.MemoryLimitBytes)} this server allows a job. Try {advice}.");
    }

    // The plan of the decoded image: with noise auto, the engine decides the mode from the pixels here, as the worker will.
    private static JobPlan Plan(ImagePipeline denoiser, PlanarImage image, Preset preset, Quality quality, NoiseMode noise)
    {
        var plan = denoiser.Plan(image);
        return new JobPlan(preset, quality, noise, plan.TotalSteps, plan.Description, (long)plan.ImagesPerStep * plan.StepHeight * plan.StepWidth,
            plan.NoiseEstimate, plan.NoiseDescription);
    }

    // The name is shown and offered as a download name, never used as a path: keep its last segment, printable and short.
    private static string DisplayName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).Take(100).ToArray()).Trim();
        return name.Length == 0 ? "image" : name;
    }
}
