namespace ZsN2N.Cli.Commands;

/// <summary>Which exceptions cost one image rather than the whole run.</summary>
internal static class ImageFailure
{
    /// <summary>
    /// True for anything that concerns one file (unreadable or corrupt, too large, wrong channel count, a training or
    /// ONNX Runtime error, a write error): the image is reported and the batch goes on. Cancellation and running out of
    /// memory end the run.
    /// </summary>
    public static bool IsPerImage(Exception exception) =>
        exception is not (OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException);

    /// <summary>The message for the summary and report, naming <paramref name="path"/> unless the message already does.</summary>
    public static string Describe(Exception exception, string path) =>
        exception.Message.Contains(path, StringComparison.Ordinal) ? exception.Message : $"{path}: {exception.Message}";
}
