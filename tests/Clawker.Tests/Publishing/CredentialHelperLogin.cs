namespace Clawker.Tests.Publishing;

/// <summary>Stores a registry login with the real docker-credential-secretservice in the private gnome-keyring (secret-service.sh).</summary>
internal static class CredentialHelperLogin
{
    private const string Helper = "/usr/bin/docker-credential-secretservice";

    public static string Require()
    {
        Integration.Require(File.Exists(Helper), $"{Helper} is not installed (apt-get install golang-docker-credential-helpers)");
        Integration.Require(
            Environment.GetEnvironmentVariable("CLAWKER_SECRET_SERVICE_DIR") is { Length: > 0 },
            "No private Secret Service: start one with eval \"$(build/services/secret-service.sh start)\"");
        return Helper;
    }

    public static async Task StoreAsync(string helper, string server, string user, string password)
    {
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["ServerURL"] = server, ["Username"] = user, ["Secret"] = password }));
            (await ProcessRunner.RunAsync("/bin/sh", ["-c", $"\"$0\" store < \"$1\"", helper, input], Path.GetTempPath())).ShouldSucceed();
        }
        finally
        {
            File.Delete(input);
        }
    }
}
