using Cake.Core.Configuration;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>A Cake context with only an environment and a log: all the Clawker aliases use.</summary>
internal sealed class FakeCakeContext(FakeCakeEnvironment environment) : ICakeContext
{
    public FakeCakeLog FakeLog { get; } = new();

    public ICakeEnvironment Environment => environment;

    public ICakeLog Log => FakeLog;

    public IFileSystem FileSystem => throw Unused();

    public IGlobber Globber => throw Unused();

    public ICakeArguments Arguments => throw Unused();

    public IProcessRunner ProcessRunner => throw Unused();

    public IRegistry Registry => throw Unused();

    public IToolLocator Tools => throw Unused();

    public ICakeDataResolver Data => throw Unused();

    public ICakeConfiguration Configuration => throw Unused();

    public IToolInstaller ToolInstaller => throw Unused();

    public IServiceProvider ServiceProvider => throw Unused();

    private static NotSupportedException Unused() => new("The Clawker aliases should not need this part of the Cake context.");
}
