namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// Real dotnet processes against the real package: one feed per run, and one test at a time
/// (each build takes whole cores on small machines).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup : ICollectionFixture<PackageFeed>
{
    public const string Name = "EndToEnd";
}
