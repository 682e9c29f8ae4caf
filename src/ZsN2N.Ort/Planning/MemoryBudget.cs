namespace ZsN2N.Ort.Planning;

/// <summary>
/// The default memory limit of a run: <see cref="DefaultFraction"/> of the memory available to this process
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which honours container limits), so one run leaves
/// room for the system and for a second process instead of being killed by it.
/// </summary>
public static class MemoryBudget
{
    /// <summary>The share of available memory a run may plan to use by default.</summary>
    public const double DefaultFraction = 0.6;

    /// <summary>The memory this process may use: physical memory or the container's limit.</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary><see cref="DefaultFraction"/> of <see cref="AvailableBytes"/>.</summary>
    public static long DefaultLimitBytes => (long)(AvailableBytes * DefaultFraction);

    /// <summary>The memory limit in force for a run asked to stay within <paramref name="limitBytes"/>: that, or <see cref="DefaultLimitBytes"/> when null.</summary>
    public static long Resolve(long? limitBytes) => limitBytes ?? DefaultLimitBytes;
}
