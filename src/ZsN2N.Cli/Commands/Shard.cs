using System.ComponentModel;
using System.Globalization;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// One slice of a folder run, <c>--shard I/N</c>: the files at positions I, I+N, I+2N, … (0-based) of the full,
/// name-sorted input list. Shards 0/N … (N-1)/N together cover every file exactly once, so N machines (a Slurm array,
/// a Kubernetes indexed job) can split one folder without talking to each other.
/// </summary>
/// <param name="Index">The shard, 0 to <paramref name="Count"/> − 1.</param>
/// <param name="Count">How many shards the run is split into, at least 1.</param>
[TypeConverter(typeof(ShardConverter))]
internal readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole list: shard 0/1.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>The items of this shard, in their original order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> items)
    {
        var (index, count) = (Index, Count);
        return [.. items.Where((_, i) => i % count == index)];
    }

    /// <summary>Parses <c>I/N</c>.</summary>
    /// <exception cref="FormatException">Not two integers with 0 ≤ I &lt; N; the message says what is expected.</exception>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"--shard must be I/N with whole numbers, e.g. 0/4, not '{text}'.");
        }

        if (count < 1 || index >= count)
        {
            throw new FormatException($"--shard {text}: N must be at least 1 and I between 0 and N-1 (shards are numbered from 0).");
        }

        return new Shard(index, count);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
