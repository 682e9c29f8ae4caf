namespace ZsN2N.Ort.Imaging;

/// <summary>Thrown when an image file or buffer cannot be read; the message names the source.</summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The failure category.</param>
    /// <param name="sourceName">The file path, or a label such as <c>"&lt;buffer&gt;"</c> for in-memory data.</param>
    /// <param name="message">What went wrong; the source name is prepended.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ImageDecodeException(ImageDecodeError error, string sourceName, string message, Exception? innerException = null)
        : base($"{sourceName}: {message}", innerException)
    {
        Error = error;
        SourceName = sourceName;
    }

    /// <summary>The failure category.</summary>
    public ImageDecodeError Error { get; }

    /// <summary>The file path or in-memory label the failure is about.</summary>
    public string SourceName { get; }
}
