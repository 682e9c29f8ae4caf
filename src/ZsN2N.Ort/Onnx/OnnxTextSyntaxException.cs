namespace ZsN2N.Ort.Onnx;

/// <summary>
/// Thrown by <see cref="OnnxTextReader"/> when ONNX text does not follow the syntax it reads. The message
/// gives the source (when read from a file), the 1-based line and column, and what was expected there.
/// </summary>
internal sealed class OnnxTextSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, e.g. <c>expected ')', found 'x'.</c></param>
    /// <param name="line">The 1-based line of the error.</param>
    /// <param name="column">The 1-based column of the error.</param>
    /// <param name="sourceName">The file the text came from, or <see langword="null"/> for text in memory.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="line"/> or <paramref name="column"/> is below 1.</exception>
    public OnnxTextSyntaxException(string reason, int line, int column, string? sourceName = null)
        : base(FormatMessage(reason, line, column, sourceName))
    {
        Reason = reason;
        Line = line;
        Column = column;
        SourceName = sourceName;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error.</summary>
    public int Column { get; }

    /// <summary>The file the text came from, or <see langword="null"/> for text in memory.</summary>
    public string? SourceName { get; }

    private static string FormatMessage(string reason, int line, int column, string? sourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(column, 1);
        string where = sourceName is null ? string.Empty : $"{sourceName}: ";
        return $"{where}line {line}, column {column}: {reason}";
    }
}
