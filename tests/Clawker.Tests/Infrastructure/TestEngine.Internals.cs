namespace Clawker.Tests.Infrastructure;

/// <summary>The part of <see cref="TestEngine"/> that uses the library's internals (<c>WrapHandler</c>).</summary>
internal static partial class TestEngine
{
    /// <summary>
    /// Clawker's own engine client on <see cref="Host"/> (skips or fails without one);
    /// <paramref name="counter"/> counts its HTTP requests.
    /// </summary>
    public static Task<DockerEngine> ConnectAsync(RequestCounter? counter = null, CancellationToken cancellationToken = default)
    {
        Require();
        var options = Options with { WrapHandler = counter is null ? null : inner => counter.Wrap(inner) };
        return DockerEngine.ConnectAsync(options, cancellationToken);
    }
}
