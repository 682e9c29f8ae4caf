using System.Globalization;

namespace ZsN2N.Parity;

/// <summary>The <c>--name value</c> options of one command; every option must be read, so typos fail loudly.</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values = [];
    private readonly HashSet<string> _read = [];

    /// <summary>Parses <paramref name="args"/> (without the command name).</summary>
    /// <exception cref="UsageException">An argument is not a <c>--name value</c> pair, or a name repeats.</exception>
    public CommandArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new UsageException($"Expected '--name value', got '{args[i]}'.");
            }

            if (!_values.TryAdd(args[i][2..], args[i + 1]))
            {
                throw new UsageException($"Option '{args[i]}' is given twice.");
            }
        }
    }

    /// <summary>The value of a required option.</summary>
    /// <exception cref="UsageException">The option is missing.</exception>
    public string Required(string name) => Optional(name) ?? throw new UsageException($"Option '--{name}' is required.");

    /// <summary>The value of an option, or <see langword="null"/>.</summary>
    public string? Optional(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    /// <summary>An integer option of at least <paramref name="minimum"/>.</summary>
    /// <exception cref="UsageException">The value is not such an integer.</exception>
    public int Int(string name, int? fallback = null, int minimum = 1)
    {
        var text = fallback is null ? Required(name) : Optional(name);
        if (text is null)
        {
            return fallback!.Value;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new UsageException($"Option '--{name}' must be an integer ≥ {minimum}, got '{text}'.");
    }

    /// <summary>Fails if an option was given that the command never read.</summary>
    /// <exception cref="UsageException">An unknown option was given.</exception>
    public void EnsureAllRead()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}.");
        }
    }
}
