namespace ZsN2N.Ort.Pipeline;

/// <summary>Which exceptions cost one image of a batch rather than the whole batch, and how such a failure is told.</summary>
public static class ImageFailure
{
    /// <summary>
    /// True for anything that concerns one image (unreadable or corrupt, too large, wrong channel count, a training or
    /// ONNX Runtime error, a write error): the image is reported and the batch goes on. Cancellation and running out of
    /// memory end the batch.
    /// </summary>
    public static bool IsPerImage(Exception exception) =>
        exception is not (OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException);

    /// <summary>The message for a summary or report, naming <paramref name="path"/> unless the message already does.</summary>
    public static string Describe(Exception exception, string path) =>
        exception.Message.Contains(path, StringComparison.Ordinal) ? exception.Message : $"{path}: {exception.Message}";
}
