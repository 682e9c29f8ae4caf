using System.Globalization;

namespace ZsN2N.Ort.Options;

/// <summary>
/// An option holds a value its <see cref="OptionRange"/> does not allow. <see cref="ArgumentException.ParamName"/> is the
/// option's stable name (<see cref="OptionRange.Name"/>, e.g. <c>Schedule.Iterations</c>),
/// <see cref="ArgumentOutOfRangeException.ActualValue"/> the value, <see cref="Option"/> what is allowed; the message
/// says all three and nothing else, so a shell can show it as it is or say it in its own spelling.
/// </summary>
public sealed class InvalidOptionException : ArgumentOutOfRangeException
{
    private readonly string _message;

    /// <summary>Creates the exception for <paramref name="value"/> of <paramref name="option"/>.</summary>
    public InvalidOptionException(OptionRange option, object? value)
        : base(option?.Name, value, null)
    {
        ArgumentNullException.ThrowIfNull(option);
        Option = option;
        _message = $"{option.Name} must be {option.Requirement}, not {Format(value)}.";
    }

    /// <summary>The option and the values it allows.</summary>
    public OptionRange Option { get; }

    /// <inheritdoc/>
    public override string Message => _message;

    /// <summary><paramref name="value"/> as the messages show it: invariant culture, null as "null".</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
