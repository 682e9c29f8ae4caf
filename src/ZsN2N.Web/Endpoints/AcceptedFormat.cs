namespace ZsN2N.Web.Endpoints;

/// <summary>An image format uploads may be in, as the page's file picker and checks need it.</summary>
/// <param name="Name">The format's name for people ("PNG").</param>
/// <param name="MediaTypes">Its media types, for the picker's <c>accept</c> and the browser's type check.</param>
/// <param name="Extensions">Its file name extensions with the dot, for files the browser gives no media type.</param>
public sealed record AcceptedFormat(string Name, IReadOnlyList<string> MediaTypes, IReadOnlyList<string> Extensions);
