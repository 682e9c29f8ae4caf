using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;

namespace ZsN2N.Ort;

/// <summary>
/// Thrown before a run starts when its <see cref="MemoryEstimate"/> exceeds the memory limit
/// (<see cref="LimitOptions.MemoryBytes"/>); the message says which option to change.
/// Nothing has been allocated when it is thrown.
/// </summary>
public sealed class MemoryLimitExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MemoryLimitExceededException(string message, MemoryEstimate estimate, long limitBytes)
        : base(message)
    {
        Estimate = estimate;
        LimitBytes = limitBytes;
    }

    /// <summary>What the refused run would have needed.</summary>
    public MemoryEstimate Estimate { get; }

    /// <summary>The limit it was checked against, in bytes.</summary>
    public long LimitBytes { get; }
}
