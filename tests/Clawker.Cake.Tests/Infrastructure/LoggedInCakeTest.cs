namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>
/// A real Cake run's test with a crafted login (CLAUDE_CONFIG_DIR, keyring off) and a known access
/// token that no run may print.
/// </summary>
public abstract class LoggedInCakeTest : IDisposable
{
    /// <summary>The crafted login the runs use.</summary>
    protected CraftedLogin Login { get; } = new();

    /// <summary>A known access token to write into the login and look for in every output.</summary>
    protected string Token { get; } = ClaudeLogin.NewAccessToken();

    /// <inheritdoc />
    public void Dispose()
    {
        Login.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The environment a run needs to find the crafted login.</summary>
    protected Dictionary<string, string?> Environment() => Login.Environment();
}
