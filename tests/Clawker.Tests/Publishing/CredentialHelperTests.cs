using System.Diagnostics;
using Clawker.Publishing;

namespace Clawker.Tests.Publishing;

/// <summary>Hostile docker credential helpers (shell stand-ins, no engine): bounded, coded, and their output never quoted.</summary>
public sealed class CredentialHelperTests
{
    private const string Secret = "helper-secret-7b1e";

    [Theory]
    [InlineData($"echo '{{\"Username\":\"u\",\"Secret\":\"{Secret}' ; exit 0", "not the JSON")]
    [InlineData($"echo '{{\"Username\":\"u\",\"Secret\":{{\"x\":\"{Secret}\"}}}}'", "no Secret")]
    [InlineData($"echo '{Secret}'; echo '{Secret}' >&2; exit 1", "exited with code 1")]
    [InlineData($"head -c 70000 /dev/zero | tr '\\0' 'x'; echo {Secret}", "more than 64 KiB")]
    public async Task A_broken_answer_is_CLAWKER6005_without_the_output(string body, string why)
    {
        var error = await Should.ThrowAsync<RegistryException>(() => RunAsync(body, TimeSpan.FromSeconds(20)));

        error.OfKind(RegistryErrorKind.HelperFailed);
        error.Message.ShouldContain(why);
        error.ToString().ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData($"while :; do echo {Secret}; done")]            // prints forever, never exits
    [InlineData($"(sleep 6) & echo '{{\"Secret\":\"{Secret}\"}}'")] // exits, but a child holds stdout open
    public async Task A_helper_that_never_finishes_is_CLAWKER6006_in_bounded_time_without_its_output(string body)
    {
        var started = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<RegistryException>(() => RunAsync(body, TimeSpan.FromSeconds(1)));

        error.OfKind(RegistryErrorKind.HelperTimedOut);
        error.ToString().ShouldNotContain(Secret);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_helper_that_never_reads_a_server_key_larger_than_the_pipe_is_CLAWKER6006_in_bounded_time()
    {
        using var bin = new TempDirectory("clawker-helper-");
        var started = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<RegistryException>(() => RunAsync(bin, "exec sleep 60", TimeSpan.FromSeconds(1), serverKey: new string('r', 1 << 20)));

        error.OfKind(RegistryErrorKind.HelperTimedOut);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_helper_found_only_through_a_relative_PATH_entry_is_not_run()
    {
        var error = await Should.ThrowAsync<RegistryException>(() => RunAsync($"echo '{{\"Secret\":\"{Secret}\"}}'", TimeSpan.FromSeconds(20), relativePath: true));

        error.OfKind(RegistryErrorKind.HelperMissing);
    }

    private static async Task<RegistryLogin?> RunAsync(string body, TimeSpan timeout, bool relativePath = false)
    {
        using var bin = new TempDirectory("clawker-helper-");
        return await RunAsync(bin, body, timeout, relativePath);
    }

    /// <summary>Runs <paramref name="body"/> as <c>docker-credential-hostile</c> from <paramref name="bin"/> (its folder is <c>$(dirname "$0")</c>).</summary>
    internal static async Task<RegistryLogin?> RunAsync(TempDirectory bin, string body, TimeSpan timeout, bool relativePath = false, string serverKey = "127.0.0.1:5000")
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper stand-ins are shell scripts");
        var script = bin.Combine("docker-credential-hostile");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\n{body}\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var environment = ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["PATH"] = relativePath ? Path.GetRelativePath(Environment.CurrentDirectory, bin.Path) : bin.Path }, bin.Path);
        return await CredentialHelper.GetAsync("hostile", serverKey, "a test", environment, timeout, TestContext.Current.CancellationToken);
    }
}
