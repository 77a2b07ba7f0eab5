namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// A test that builds a consumer of the packed packages with a crafted login of its own
/// (CLAUDE_CONFIG_DIR, keyring off), deleted afterwards.
/// </summary>
public abstract class LoggedInConsumerTest(string loginPrefix) : IDisposable
{
    /// <summary>The crafted login the builds use.</summary>
    protected CraftedLogin Login { get; } = new(loginPrefix);

    /// <inheritdoc />
    public void Dispose()
    {
        Login.Dispose();
        GC.SuppressFinalize(this);
    }
}
