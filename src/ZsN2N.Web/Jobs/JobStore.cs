using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ZsN2N.Ort.Files;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// The jobs of this process: an in-memory index by id, and one folder per job holding its <see cref="JobFile"/>s, in
/// the <see cref="StoreFolder"/> this process owns under <see cref="WebOptions.StorePath"/>. Paths are built only from
/// a checked <see cref="JobId"/> and fixed file names, then verified to lie inside the store, so no request can reach a
/// file outside it. Thread-safe. Finished jobs expire <see cref="WebOptions.ResultLifetime"/> after they stop.
/// Disposing (when the host stops) cancels what still runs, deletes the job folders and releases the store folder.
/// </summary>
internal sealed class JobStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly StoreFolder _folder;
    private readonly WebOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<JobStore> _logger;
    private long _sequence;

    public JobStore(IOptions<WebOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<JobStore> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _folder = StoreFolder.Claim(Path.GetFullPath(_options.StorePath, environment.ContentRootPath));
        _logger.LogInformation("Job store: {Folder}", _folder.Path);
        DeleteJobFolders();
    }

    /// <summary>The folder this process owns, full path, ending in a separator.</summary>
    public string Root => _folder.Path;

    public DateTimeOffset Now => _time.GetUtcNow();

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(Job job)
    {
        if (!_jobs.TryAdd(job.Id, job))
        {
            throw new InvalidOperationException($"Job id {job.Id} is already taken.");
        }
    }

    /// <summary>The job with <paramref name="id"/>; null for an unknown or malformed id.</summary>
    public Job? Find(string? id) => JobId.IsValid(id) && _jobs.TryGetValue(id!, out var job) ? job : null;

    public IReadOnlyCollection<Job> All => (IReadOnlyCollection<Job>)_jobs.Values;

    /// <summary>Jobs ahead of <paramref name="job"/> in the queue, or null when it is not queued.</summary>
    public int? QueuePosition(Job job) =>
        job.Status == JobStatus.Queued
            ? _jobs.Values.Count(other => other.Status == JobStatus.Queued && other.Sequence < job.Sequence)
            : null;

    /// <summary>
    /// Seconds until the job's training ends: from its measured rate while it runs, forecast from the jobs before it
    /// while it waits (<see cref="QueueForecast"/>); null while unknown, while it finishes, and once it is over.
    /// </summary>
    public double? RemainingSeconds(Job job, JobSnapshot state) => state.Status switch
    {
        JobStatus.Running when !state.Finishing => state.Rate?.RemainingSeconds,
        JobStatus.Queued => QueueForecast.RemainingSeconds(All, _options.Workers).GetValueOrDefault(job.Id),
        _ => null,
    };

    /// <summary>When a finished job will be deleted; null while it runs.</summary>
    public DateTimeOffset? ExpiresAt(DateTimeOffset? finishedAt) => finishedAt + _options.ResultLifetime;

    /// <summary>The path of one of a job's files (which may not exist yet).</summary>
    /// <exception cref="ArgumentException">The id is malformed or the path would leave the store.</exception>
    public string PathOf(string id, JobFile file)
    {
        var path = Path.GetFullPath(Path.Combine(FolderOf(id), FileName(file)));
        if (!path.StartsWith(Root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path of {file} for job {id} leaves the store.", nameof(id));
        }

        return path;
    }

    /// <summary>Writes one of a job's files, creating its folder, through <see cref="AtomicFile"/>.</summary>
    public async Task WriteAsync(string id, JobFile file, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = PathOf(id, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken);
    }

    /// <summary>Cancels the job if it still runs, forgets it and deletes its folder; false when no such job.</summary>
    public bool Remove(string id, string reason)
    {
        if (!JobId.IsValid(id) || !_jobs.TryRemove(id, out var job))
        {
            return false;
        }

        job.Cancel(reason, Now);
        job.Dispose();
        DeleteFolder(id);
        return true;
    }

    /// <summary>Removes every finished job older than its lifetime; returns how many.</summary>
    public int RemoveExpired()
    {
        var now = Now;
        var removed = 0;
        foreach (var job in _jobs.Values)
        {
            if (ExpiresAt(job.Snapshot().Snapshot.FinishedAt) is { } expires && expires <= now && Remove(job.Id, "expired"))
            {
                _logger.LogInformation("Job {JobId} expired and was deleted", job.Id);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Cancels unfinished jobs that nobody has watched for <see cref="WebOptions.AbandonAfter"/>; returns how many.</summary>
    public int CancelAbandoned()
    {
        var now = Now;
        var cancelled = 0;
        foreach (var job in _jobs.Values)
        {
            if (!job.IsFinished && job.Watchers == 0 && now - job.LastSeen > _options.AbandonAfter &&
                job.Cancel($"Cancelled: nobody watched the job for {_options.AbandonAfter.TotalSeconds:0} s (the browser went away).", now))
            {
                _logger.LogInformation("Job {JobId} was abandoned and cancelled", job.Id);
                cancelled++;
            }
        }

        return cancelled;
    }

    private string FolderOf(string id)
    {
        if (!JobId.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a job id.", nameof(id));
        }

        return Path.Combine(Root, id);
    }

    private static string FileName(JobFile file) => file switch
    {
        JobFile.Input => "input.png",
        JobFile.Result => "denoised.png",
        JobFile.Model => "denoiser.onnx",
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "Unknown job file."),
    };

    private void DeleteFolder(string id)
    {
        try
        {
            var folder = FolderOf(id);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not delete the folder of job {JobId}", id);
        }
        catch (UnauthorizedAccessException e)
        {
            _logger.LogWarning(e, "Could not delete the folder of job {JobId}", id);
        }
    }

    /// <summary>Cancels every job, forgets it, deletes the job folders and releases the store folder.</summary>
    public void Dispose()
    {
        foreach (var id in _jobs.Keys)
        {
            Remove(id, "Cancelled: the server is stopping.");
        }

        DeleteJobFolders();
        _folder.Dispose();
    }

    // The index lives in memory, so at start the job folders in the owned folder are an earlier process's leftovers.
    // Only folders named like a job id are touched: a misconfigured StorePath must never cost anyone other files.
    private void DeleteJobFolders()
    {
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            if (JobId.IsValid(name))
            {
                DeleteFolder(name);
            }
        }
    }
}
