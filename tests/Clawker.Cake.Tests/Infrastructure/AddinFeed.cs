[assembly: AssemblyFixture(typeof(AddinFeed))]

namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>
/// The test feed holding Clawker.Cake, packed (on first use) from this build's output: Cake caches
/// addins by id and version, so the unique version guarantees a script loads this build's addin.
/// </summary>
public sealed class AddinFeed() : PackedFeed("Clawker.Cake", "clawker-cake-feed-", "0.1.0-e2e")
{
    /// <summary>--no-build: pack what this test run was built from; only the package version differs.</summary>
    protected override IEnumerable<string> PackOptions => ["--no-build", "-c", TestBuild.Configuration];
}
