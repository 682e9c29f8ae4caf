using System.Globalization;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// The folder of the job store that this process owns: the first slot <c>instance-N</c> under the store root whose lock
/// file it can lock exclusively. The lock is held until <see cref="Dispose"/> (or until the process dies, when the
/// operating system releases it), so instances sharing a root (another port, a test run) each get a folder of their
/// own and never touch one another's. A slot that can be locked belongs to no running process: what is in it are the
/// leftovers of one that stopped, and they are the claimant's to clean.
/// </summary>
internal sealed class StoreFolder : IDisposable
{
    /// <summary>The lock file in each slot. It is never deleted: a process could lock a file that another then unlinks.</summary>
    public const string LockFileName = "owner.lock";

    /// <summary>The most instances that may share one store root.</summary>
    public const int MaxInstances = 256;

    private readonly FileStream _lock;

    private StoreFolder(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The owned folder, full path, ending in a separator.</summary>
    public string Path { get; }

    /// <summary>Creates <paramref name="root"/> if needed and claims its first free slot.</summary>
    /// <exception cref="IOException">Every slot is held by a running process, or the root cannot be written; the message says which.</exception>
    public static StoreFolder Claim(string root)
    {
        Directory.CreateDirectory(root);
        IOException? lastRefusal = null;
        for (var slot = 0; slot < MaxInstances; slot++)
        {
            var folder = System.IO.Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"instance-{slot}"));
            Directory.CreateDirectory(folder);
            FileStream lockFile;
            try
            {
                // FileShare.None is an exclusive lock: flock(LOCK_EX | LOCK_NB) on Unix, a sharing mode on Windows.
                lockFile = new FileStream(System.IO.Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                lastRefusal = e;
                continue;
            }

            try
            {
                WriteOwner(lockFile);
            }
            catch
            {
                lockFile.Dispose();
                throw;
            }

            return new StoreFolder(System.IO.Path.TrimEndingDirectorySeparator(folder) + System.IO.Path.DirectorySeparatorChar, lockFile);
        }

        throw new IOException(
            $"All {MaxInstances} instance folders under the job store {root} are held by running processes ({lastRefusal?.Message}); give this instance a StorePath of its own.",
            lastRefusal);
    }

    /// <summary>Releases the lock; the folder stays for the next instance to claim.</summary>
    public void Dispose() => _lock.Dispose();

    // For whoever looks into the folder: which process holds it.
    private static void WriteOwner(FileStream lockFile)
    {
        lockFile.SetLength(0);
        using var writer = new StreamWriter(lockFile, leaveOpen: true);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zsn2n-web process {Environment.ProcessId}, since {DateTimeOffset.UtcNow:O}"));
    }
}
