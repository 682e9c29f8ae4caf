using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// One upload being denoised. Thread-safe: the worker reports progress while requests read snapshots. Every change
/// bumps <see cref="Version"/> and wakes <see cref="WaitForChangeAsync"/>, which the progress stream awaits. Owns a
/// <see cref="CancellationTokenSource"/>: <see cref="JobStore"/> cancels the job, then disposes it, when it removes it.
/// </summary>
internal sealed class Job : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancellation = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PlanarImage? _input;
    private PlanarImage? _clean;
    private int _watchers;

    public Job(string id, long sequence, JobMode mode, double? sigma, string fileName, PlanarImage input, PlanarImage? clean, JobPlan plan, DateTimeOffset now)
    {
        Id = id;
        Sequence = sequence;
        Mode = mode;
        Sigma = sigma;
        FileName = fileName;
        Width = input.Width;
        Height = input.Height;
        Channels = input.Channels;
        Plan = plan;
        CreatedAt = now;
        LastSeen = now;
        _input = input;
        _clean = clean;
        CancellationToken = _cancellation.Token;
    }

    public string Id { get; }

    /// <summary>Order of acceptance, for queue positions.</summary>
    public long Sequence { get; }

    public JobMode Mode { get; }

    public double? Sigma { get; }

    public string FileName { get; }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// <summary>The choices and the engine's plan for the image, fixed at upload.</summary>
    public JobPlan Plan { get; }

    public int TotalIterations => Plan.Iterations;

    public DateTimeOffset CreatedAt { get; }

    public JobStatus Status { get; private set; } = JobStatus.Queued;

    public TrainingProgress? Progress { get; private set; }

    /// <summary>The first progress report, where the measured <see cref="StepRate"/> starts.</summary>
    public TrainingProgress? FirstProgress { get; private set; }

    public double? PsnrNoisy { get; private set; }

    public double? PsnrDenoised { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The last time a request asked about the job or a progress stream watched it.</summary>
    public DateTimeOffset LastSeen { get; private set; }

    public bool InputWritten { get; private set; }

    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled;

    public int Version { get; private set; }

    /// <summary>
    /// Fires when the job is cancelled; the worker links it with its stopping token. Taken once, so it stays readable
    /// after <see cref="Dispose"/> (which always follows a cancel, so a late link sees it cancelled).
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Open progress streams.</summary>
    public int Watchers
    {
        get
        {
            lock (_lock)
            {
                return _watchers;
            }
        }
    }

    /// <summary>Takes the images to train on (once); the job keeps no pixels after that.</summary>
    public (PlanarImage Input, PlanarImage? Clean)? TakeImages()
    {
        lock (_lock)
        {
            if (_input is null)
            {
                return null;
            }

            var images = (_input, _clean);
            _input = null;
            _clean = null;
            return images;
        }
    }

    public void Touch(DateTimeOffset now) => Update(() => LastSeen = now, notify: false);

    public void AddWatcher(DateTimeOffset now) => Update(() => { _watchers++; LastSeen = now; }, notify: false);

    public void RemoveWatcher(DateTimeOffset now) => Update(() => { _watchers--; LastSeen = now; }, notify: false);

    public void MarkInputWritten() => Update(() => InputWritten = true);

    /// <summary>Moves a queued job to running; false when it was cancelled meanwhile.</summary>
    public bool TryStart()
    {
        lock (_lock)
        {
            if (Status != JobStatus.Queued || _cancellation.IsCancellationRequested)
            {
                return false;
            }

            Status = JobStatus.Running;
            Changed();
            return true;
        }
    }

    public void Report(TrainingProgress progress) => Update(() =>
    {
        FirstProgress ??= progress;
        Progress = progress;
    });

    public void Succeed(double? psnrNoisy, double? psnrDenoised, DateTimeOffset now) => Update(() =>
    {
        if (!IsFinished)
        {
            PsnrNoisy = psnrNoisy;
            PsnrDenoised = psnrDenoised;
            Status = JobStatus.Succeeded;
            FinishedAt = now;
        }
    });

    public void Fail(string error, DateTimeOffset now) => Update(() =>
    {
        if (!IsFinished)
        {
            Error = error;
            Status = JobStatus.Failed;
            FinishedAt = now;
        }
    });

    /// <summary>Cancels an unfinished job (a running one stops at its next training step); false when it had finished.</summary>
    public bool Cancel(string reason, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (IsFinished)
            {
                return false;
            }

            Error = reason;
            Status = JobStatus.Canceled;
            FinishedAt = now;
            _input = null;
            _clean = null;
            Changed();

            // Under the lock, so Dispose cannot come between. The one callback is the worker's linked source, which
            // only marks itself cancelled.
            _cancellation.Cancel();
        }

        return true;
    }

    /// <summary>Disposes the cancellation source; <see cref="JobStore"/> calls it after <see cref="Cancel"/>.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _cancellation.Dispose();
        }
    }

    /// <summary>Completes when <see cref="Version"/> moves past <paramref name="seenVersion"/> (at once if it has).</summary>
    public Task WaitForChangeAsync(int seenVersion, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            if (Version != seenVersion)
            {
                return Task.CompletedTask;
            }

            changed = _changed.Task;
        }

        return changed.WaitAsync(cancellationToken);
    }

    /// <summary>A consistent copy of the state with its version.</summary>
    public (JobSnapshot Snapshot, int Version) Snapshot()
    {
        lock (_lock)
        {
            var rate = FirstProgress is { } first && Progress is { } latest ? new StepRate(first, latest) : (StepRate?)null;
            return (new JobSnapshot(Status, Progress, rate, PsnrNoisy, PsnrDenoised, Error, FinishedAt, InputWritten), Version);
        }
    }

    private void Update(Action change, bool notify = true)
    {
        lock (_lock)
        {
            change();
            if (notify)
            {
                Changed();
            }
        }
    }

    private void Changed()
    {
        Version++;
        _changed.TrySetResult();
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The mutable part of a <see cref="Job"/>, read under its lock.</summary>
internal readonly record struct JobSnapshot(
    JobStatus Status, TrainingProgress? Progress, StepRate? Rate, double? PsnrNoisy, double? PsnrDenoised, string? Error, DateTimeOffset? FinishedAt,
    bool InputWritten)
{
    /// <summary>Whether training is over and the denoised image is being computed and saved.</summary>
    public bool Finishing => Status == JobStatus.Running && Progress is { } progress && progress.Iteration >= progress.TotalIterations;
}
