using System.Diagnostics;

namespace Clawker.MSBuild.Tests.Infrastructure;

/// <summary>libsecret's <c>secret-tool</c>, writing items as go-keyring (and so the Go clawker) does.</summary>
internal static class SecretTool
{
    public static async Task StoreAsync(string service, string user, string secret)
    {
        var result = await RunAsync(secret, "store", $"--label=Password for '{user}' on '{service}'", "service", service, "username", user);
        result.ShouldBe(0, "secret-tool store failed");
    }

    public static Task<int> ClearAsync(string service, string user) => RunAsync(null, "clear", "service", service, "username", user);

    private static async Task<int> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("secret-tool") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            // The secret goes through stdin, never argv.
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }
}
