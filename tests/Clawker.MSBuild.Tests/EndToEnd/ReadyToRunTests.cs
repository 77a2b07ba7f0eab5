using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Clawker.Tests.Infrastructure;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// The packed task assemblies are ReadyToRun images for linux-x64 (.NET 10): MSBuild on that
/// platform runs their precompiled code, and every other platform (or a runtime told to ignore
/// precompiled code) falls back to their IL, which each image keeps whole.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class ReadyToRunTests(PackageFeed feed)
{
    /// <summary>Assemblies the pre-run hooks load; each must be precompiled (System.IO.Pipelines is the framework's on .NET 10).</summary>
    private static readonly string[] Precompiled = ["Clawker.MSBuild.dll", "Clawker.dll", "Docker.DotNet.dll", "Docker.DotNet.Unix.dll"];

    // The runtime's list of methods it JIT-compiles (DOTNET_JitDisasmSummary, release runtimes since .NET 8), on the process's stdout.
    // Never DOTNET_JitStdOutFile: the runtime closes that file at shutdown while other threads may still JIT and write to it, and the
    // process dies of SIGSEGV or SIGABRT (about 1 exit in 4 with busy threads; CI once saw dotnet run exit 139 here). Stdout is not closed.
    [GeneratedRegex(@"JIT compiled Clawker\.MSBuild\.Tasks\.BundleClawkerImage:")]
    private static partial Regex BundleTaskJitted();

    [Fact]
    public void Every_packed_assembly_keeps_its_IL_and_the_ones_the_hooks_load_carry_ReadyToRun_code()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var assemblies = package.Entries.Where(e => e.FullName.StartsWith("tasks/net8.0/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        assemblies.Select(e => e.Name).ShouldContain("Clawker.MSBuild.dll");

        foreach (var entry in assemblies)
        {
            using var pe = new PEReader(ReadAll(entry));
            pe.HasMetadata.ShouldBeTrue(entry.Name);
            var metadata = pe.GetMetadataReader();
            var bodies = 0;
            foreach (var handle in metadata.MethodDefinitions)
            {
                var method = metadata.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress != 0)
                {
                    pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes().ShouldNotBeNull($"{entry.Name}: a method without its IL");
                    bodies++;
                }
            }

            bodies.ShouldBeGreaterThan(0, entry.Name);
            var precompiled = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
            if (Precompiled.Contains(entry.Name))
            {
                precompiled.ShouldBeTrue($"{entry.Name} is packed without ReadyToRun code");
                // Linux x64 images mark the machine AMD64 XOR 0x7B79: other OSes and architectures see a foreign image and use the IL.
                ((ushort)pe.PEHeaders.CoffHeader.Machine).ShouldBe((ushort)(0x8664 ^ 0x7B79), entry.Name);
            }
        }
    }

    [Fact]
    public async Task The_tasks_run_their_precompiled_code_here_and_their_IL_when_the_runtime_ignores_it()
    {
        Assert.SkipUnless(RuntimeInformation.RuntimeIdentifier == "linux-x64" && Environment.Version.Major == 10,
            $"the package carries ReadyToRun code for .NET 10 on linux-x64 (this is {RuntimeInformation.RuntimeIdentifier}, .NET {Environment.Version})");
        var app = await feed.CreateConsumerAsync("ReadyToRunApp");
        (await app.BuildAsync(null, "-t:Restore")).ShouldSucceed();

        var precompiled = await BundleWithJitListAsync(app, "precompiled", readyToRun: true);
        var fallback = await BundleWithJitListAsync(app, "fallback", readyToRun: false);

        BundleTaskJitted().IsMatch(precompiled).ShouldBeFalse("the bundle task was JIT-compiled: its ReadyToRun code was not used");
        BundleTaskJitted().IsMatch(fallback).ShouldBeTrue("with DOTNET_ReadyToRun=0 the task runs from its IL");
    }

    // A method of the library, Docker.DotNet or its unix-socket HTTP client itself (not a generic instantiation, which ReadyToRun outside the framework cannot hold), JIT-compiled at first call.
    [GeneratedRegex(@"JIT compiled ((Clawker|Docker\.DotNet|Microsoft\.Net\.Http\.Client)[A-Za-z0-9_.+<>]*):[A-Za-z0-9_<>.]+\(.*\[(Instrumented )?Tier0", RegexOptions.Multiline)]
    private static partial Regex LibraryMethodJitted();

    [Fact]
    public async Task The_run_step_runs_the_library_and_Docker_DotNet_from_their_precompiled_code()
    {
        Assert.SkipUnless(RuntimeInformation.RuntimeIdentifier == "linux-x64" && Environment.Version.Major == 10,
            $"the package carries ReadyToRun code for .NET 10 on linux-x64 (this is {RuntimeInformation.RuntimeIdentifier}, .NET {Environment.Version})");
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Integration.Require(dockerHost is { Length: > 0 }, "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");
        using var login = new CraftedLogin("clawker-e2e-r2r-");
        login.Write(ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        var app = await feed.SharedConsumerAsync("ReadyToRunRunApp");
        var env = login.Environment();
        env["DOCKER_HOST"] = dockerHost;
        (await app.BuildAsync(env)).ShouldSucceed();

        var jitted = new Dictionary<bool, HashSet<string>>();
        foreach (var readyToRun in new[] { true, false })
        {
            env["DOTNET_JitDisasmSummary"] = "1";
            env["DOTNET_ReadyToRun"] = readyToRun ? null : "0";
            // In MSBuild: where the native task host runs the hook, none of this is loaded here at all. The app lists
            // nothing (-e); its one line shares the pipe and may have split a line of the list, which taking it out mends.
            var run = await app.DotNetAsync(env, "run", "--no-build", "-p:ClawkerNativeTaskHost=false", "-e", "DOTNET_JitDisasmSummary=0");
            run.ExitCode.ShouldBe(0, $"{run.CommandLine} failed:\n{run.Error}\n{Tail(run.Output)}");
            run.Output.ShouldContain("Hello, World!\n", Case.Sensitive, Tail(run.Output));
            jitted[readyToRun] = [.. LibraryMethodJitted().Matches(run.Output.Replace("Hello, World!\n", "", StringComparison.Ordinal)).Select(m => m.Groups[1].Value)];
        }

        jitted[true].ShouldBeEmpty("types whose methods were JIT-compiled although their assembly is packed ReadyToRun");
        // The same run without precompiled code JITs each assembly the hook uses: the check above looks at the right methods.
        foreach (var ns in new[] { "Clawker.Keyring.", "Clawker.Docker.", "Clawker.GlobalsLogin.", "Clawker.MSBuild.Tasks.", "Docker.DotNet.Unix.", "Docker.DotNet.DockerClient", "Microsoft.Net.Http.Client." })
        {
            jitted[false].ShouldContain(t => t.StartsWith(ns, StringComparison.Ordinal), ns);
        }
    }

    /// <summary>A forced bundle (the task runs) in a fresh MSBuild; returns the methods the runtime JIT-compiled.</summary>
    private static async Task<string> BundleWithJitListAsync(Consumer app, string name, bool readyToRun)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_JitDisasmSummary"] = "1",
            ["DOTNET_ReadyToRun"] = readyToRun ? null : "0",
        };
        // The build's log goes to a file, so stdout carries the list alone (two writers on one pipe split lines).
        var log = Path.Combine(app.Directory, "obj", $"jit-{name}.log");
        var result = await app.BuildAsync(environment, "-t:ClawkerBundleImage", "--no-restore", "-m:1", "-noConsoleLogger", "-fl", $"-flp:LogFile={log};Verbosity=normal", $"-p:ClawkerImageOutputDir=obj/{name}/");
        var text = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)";
        result.ExitCode.ShouldBe(0, $"{result.Error}\n{Tail(result.Output)}\n{text}");
        text.ShouldContain("Clawker image clawker-readytorunapp:sha-");
        File.Exists(Path.Combine(app.Directory, "obj", name, "context", "Dockerfile")).ShouldBeTrue(text);
        return result.Output;
    }

    /// <summary>The end of a JIT list, for a failure message (the whole list is megabytes).</summary>
    private static string Tail(string output) => output.Length <= 4000 ? output : "..." + output[^4000..];

    private static MemoryStream ReadAll(ZipArchiveEntry entry)
    {
        var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        return copy;
    }
}
