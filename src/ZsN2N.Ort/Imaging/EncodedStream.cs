namespace ZsN2N.Ort.Imaging;

/// <summary>
/// Reads an encoded image from a stream to its end, within <see cref="ImageLimits.MaxFileBytes"/>: a stream of known
/// length over the limit is refused before a byte is read, one of unknown length (a request body) as soon as it
/// passes the limit, so an endless stream never fills the memory. The caller keeps and disposes the stream.
/// </summary>
internal static class EncodedStream
{
    /// <summary>The name a stream has in error messages.</summary>
    public const string Name = "<stream>";

    private const int ChunkBytes = 81_920;

    /// <summary>The stream's bytes from its position to its end.</summary>
    /// <exception cref="ImageDecodeException">With <see cref="ImageDecodeError.TooLarge"/> past the limit.</exception>
    public static byte[] Read(Stream stream, ImageLimits limits)
    {
        if (KnownLength(stream, limits) is { } length)
        {
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            Append(buffer, chunk.AsSpan(0, read), limits);
        }

        return buffer.ToArray();
    }

    /// <summary>As <see cref="Read"/>, without blocking on the stream.</summary>
    /// <exception cref="ImageDecodeException">With <see cref="ImageDecodeError.TooLarge"/> past the limit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static async Task<byte[]> ReadAsync(Stream stream, ImageLimits limits, CancellationToken cancellationToken)
    {
        if (KnownLength(stream, limits) is { } length)
        {
            var bytes = new byte[length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(buffer, chunk.AsSpan(0, read), limits);
        }

        return buffer.ToArray();
    }

    // The bytes left in a seekable stream, checked against the limit; null when the stream cannot tell.
    private static int? KnownLength(Stream stream, ImageLimits limits)
    {
        if (!stream.CanSeek)
        {
            return null;
        }

        var length = Math.Max(0, stream.Length - stream.Position);
        limits.CheckFileSize(length, Name);
        return checked((int)length);
    }

    private static void Append(MemoryStream buffer, ReadOnlySpan<byte> chunk, ImageLimits limits)
    {
        limits.CheckFileSize(buffer.Length + chunk.Length, Name, complete: false);
        buffer.Write(chunk);
    }
}
