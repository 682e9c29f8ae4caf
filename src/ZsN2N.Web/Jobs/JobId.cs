using System.Security.Cryptography;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// Job ids: 128 bits from <see cref="RandomNumberGenerator"/> as 32 lower-case hex digits, so they cannot be guessed
/// and, once checked with <see cref="IsValid"/>, are safe as a folder name (no dot, slash or other path character).
/// </summary>
public static class JobId
{
    /// <summary>The length of every id.</summary>
    public const int Length = 32;

    /// <summary>A new random id.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    /// <summary>Whether <paramref name="value"/> has the shape of an id (it may still name no job).</summary>
    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;
}
