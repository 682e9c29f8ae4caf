using System.Globalization;

namespace ZsN2N.Ort.Options;

/// <summary>
/// The values one option allows, written once (<see cref="OptionRanges"/>): the engine validates with it, and the
/// command line's help and the web app's settings check read <see cref="Requirement"/> and the bounds from it, so they
/// cannot drift apart. <see cref="Name"/> is stable, so shells map it to their own spelling.
/// </summary>
public sealed class OptionRange
{
    private readonly Func<double, bool> _allows;

    private OptionRange(string name, string requirement, double? minimum, double? maximum, Func<double, bool> allows) =>
        (Name, Requirement, Minimum, Maximum, _allows) = (name, requirement, minimum, maximum, allows);

    /// <summary>The option's path in <see cref="DenoiseOptions"/>, e.g. <c>Schedule.Iterations</c>.</summary>
    public string Name { get; }

    /// <summary>What a valid value is, to follow "must be", e.g. <c>between 1 and 10000000</c> or <c>in (0, 10]</c>.</summary>
    public string Requirement { get; }

    /// <summary>The smallest value allowed (exclusive for a real range such as <c>(0, 10]</c>), or null for a set of names.</summary>
    public double? Minimum { get; }

    /// <summary>The largest value allowed, or null for a set of names.</summary>
    public double? Maximum { get; }

    /// <summary>Whether <paramref name="value"/> is allowed; a NaN or infinity never is.</summary>
    public bool Allows(double value) => double.IsFinite(value) && _allows(value);

    /// <summary>The failure for <paramref name="value"/>, or null when it is allowed.</summary>
    public InvalidOptionException? Check(long value) => Allows(value) ? null : new InvalidOptionException(this, value);

    /// <summary>The failure for <paramref name="value"/>, or null when it is allowed.</summary>
    public InvalidOptionException? Check(double value) => Allows(value) ? null : new InvalidOptionException(this, value);

    /// <summary>The failure for <paramref name="value"/>, or null when it is allowed.</summary>
    public InvalidOptionException? Check(float value) => Allows(value) ? null : new InvalidOptionException(this, value);

    /// <summary>The failure for <paramref name="value"/>, or null when it is one of the allowed names.</summary>
    public InvalidOptionException? Check<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Allows(Convert.ToDouble(value, CultureInfo.InvariantCulture)) ? null : new InvalidOptionException(this, value);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Requirement}";

    /// <summary>Whole numbers from <paramref name="minimum"/> to <paramref name="maximum"/>; with <paramref name="even"/> only even ones.</summary>
    internal static OptionRange Whole(string name, long minimum, long maximum, bool even = false)
    {
        var bounds = maximum is int.MaxValue or long.MaxValue ? $"at least {minimum}" : $"between {minimum} and {maximum}";
        return new(name, even ? $"an even number {bounds}" : bounds, minimum, maximum,
            v => v == Math.Floor(v) && v >= minimum && v <= maximum && (!even || v % 2 == 0));
    }

    /// <summary>0, or whole numbers from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    internal static OptionRange WholeOrZero(string name, string zeroMeaning, long minimum, long maximum) =>
        new(name, $"0 ({zeroMeaning}) or between {minimum} and {maximum}", 0, maximum,
            v => v == 0 || (v == Math.Floor(v) && v >= minimum && v <= maximum));

    /// <summary>Reals above <paramref name="exclusiveMinimum"/> up to <paramref name="maximum"/>.</summary>
    internal static OptionRange Real(string name, double exclusiveMinimum, double maximum) =>
        new(name, string.Create(CultureInfo.InvariantCulture, $"in ({exclusiveMinimum}, {maximum}]"), exclusiveMinimum, maximum,
            v => v > exclusiveMinimum && v <= maximum);

    /// <summary>The named values of <typeparamref name="T"/>.</summary>
    internal static OptionRange OneOf<T>(string name)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>();
        var values = Enum.GetValues<T>().Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToHashSet();
        return new(name, $"{string.Join(", ", names[..^1])} or {names[^1]}", null, null, values.Contains);
    }
}
