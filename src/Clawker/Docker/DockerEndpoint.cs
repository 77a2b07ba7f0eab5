namespace Clawker.Docker;

/// <summary>The engine address chosen, and how it was chosen (every engine error message names both).</summary>
/// <param name="Uri">The engine address, for example <c>unix:///var/run/docker.sock</c>.</param>
/// <param name="Source">Which rule chose it.</param>
/// <param name="Reason">The same in words, for messages: for example <c>from DOCKER_HOST</c>.</param>
public sealed record DockerEndpoint(Uri Uri, DockerEndpointSource Source, string Reason)
{
    /// <summary>The socket file of a <c>unix://</c> endpoint; <see langword="null"/> for other schemes.</summary>
    public string? SocketPath => Uri.Scheme == "unix" ? Uri.LocalPath : null;

    /// <summary>The address and how it was chosen, for example <c>unix:///var/run/docker.sock (from DOCKER_HOST)</c>.</summary>
    public override string ToString() => $"{Display(Uri)} ({Reason})";

    // Show the address as given, but never credentials someone put in it (tcp://user:secret@host).
    private static string Display(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.OriginalString : uri.OriginalString.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal);
}
