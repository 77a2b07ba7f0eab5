using System.IO.Compression;
using Clawker.Tests.Infrastructure;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// The package ships clawker-taskhost for linux-x64 (Native AOT), NuGet's restore leaves it
/// executable, and a consumer whose host cannot start still gets the hook, run in MSBuild.
/// (PrepareOnRunTests compares the host's run step with MSBuild's line by line.)
/// </summary>
[Collection(EndToEndGroup.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NativeTaskHostPackageTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-host-")
{
    private const string HostEntry = "tasks/net8.0/native/linux-x64/clawker-taskhost";

    [Fact]
    public async Task The_package_holds_a_native_linux_x64_host_that_the_restore_leaves_executable()
    {
        using (var package = ZipFile.OpenRead(feed.PackagePath))
        {
            var entry = package.GetEntry(HostEntry).ShouldNotBeNull($"{feed.PackagePath} has no {HostEntry}");
            using var stream = entry.Open();
            var header = new byte[20];
            await stream.ReadExactlyAsync(header, TestContext.Current.CancellationToken);
            header[..4].ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, "an ELF executable");
            BitConverter.ToUInt16(header, 18).ShouldBe((ushort)62, "for x86-64 (EM_X86_64)");
        }

        var app = await feed.SharedConsumerAsync("HostPackageApp");
        (await app.BuildAsync(null, "-t:Restore")).ShouldSucceed();
        var restored = Path.Combine(feed.PackagesDirectory, "clawker.msbuild", feed.Version, HostEntry);
        File.GetUnixFileMode(restored).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue($"{restored} is not executable after the restore");
    }

    [Fact]
    public async Task A_host_that_cannot_start_leaves_the_hook_to_MSBuild_with_the_same_result()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Integration.Require(dockerHost is { Length: > 0 }, "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");
        Login.Write(ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        var app = await feed.SharedConsumerAsync("HostPackageApp");
        var env = Login.Environment();
        env["DOCKER_HOST"] = dockerHost;
        (await app.BuildAsync(env, "-t:Restore")).ShouldSucceed();
        // The task assemblies copied, the host in the copy not executable (an extraction that dropped the mode).
        using var copy = new TempDirectory("clawker-e2e-hostcopy-");
        var tasks = Path.Combine(feed.PackagesDirectory, "clawker.msbuild", feed.Version, "tasks", "net8.0");
        foreach (var file in Directory.EnumerateFiles(tasks, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(tasks, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var host = Path.Combine(copy.Path, "native", "linux-x64", "clawker-taskhost");
        File.SetUnixFileMode(host, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = (await app.BuildAsync(env, "-t:ComputeRunArguments", "--no-restore", "-v:d",
            $"-p:ClawkerTasksAssembly={Path.Combine(copy.Path, "Clawker.MSBuild.dll")}")).ShouldSucceed();

        result.Output.ShouldContain($"ValidateClawkerCredentials runs in MSBuild: the native task host {host} could not start");
        result.Output.ShouldMatch(@"Clawker volume clawker-globals: (Created|AlreadyExisted) on ");
        result.Output.ShouldContain($"Clawker credentials: Claude Code login from file {Login.CredentialsFile}");
    }
}
