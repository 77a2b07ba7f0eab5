namespace Clawker.Tests.Bundling;

/// <summary>
/// A test class whose bundles read from and write into a temporary folder of its own, with the
/// check the ownership tests share: the bundle fails, coded, within the bound, and touches nothing.
/// </summary>
public abstract class BundleFolderTest : IDisposable
{
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The test's folder (the asset root of <see cref="Options"/>).</summary>
    internal TempDirectory Temp { get; } = TempBundle.New();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Temp.Dispose();
        }
    }

    private protected BundleOptions Options(string output, string? context = null, IReadOnlyDictionary<string, string>? extra = null) => new()
    {
        ProjectName = "demo",
        OutputDirectory = output,
        ContextDirectory = context,
        AssetRoots = [Temp.Path],
        ExtraFiles = extra ?? new Dictionary<string, string>(),
    };

    /// <summary>The bundle fails with CLAWKER3002 within the bound, and the tree under <paramref name="snapshotRoot"/> (default: the test's folder) is as it was.</summary>
    private protected BundleException Refused(BundleOptions options, string? snapshotRoot = null)
    {
        var error = Fails<BundleException>(options, snapshotRoot).OfKind(BundleErrorKind.InvalidOption);
        error.Code.ShouldBe("CLAWKER3002");
        return error;
    }

    /// <summary>The bundle fails with a coded <typeparamref name="TException"/> within the bound, and the tree is as it was.</summary>
    private protected TException Fails<TException>(BundleOptions options, string? snapshotRoot = null)
        where TException : ClawkerException
    {
        var root = snapshotRoot ?? Temp.Path;
        var before = TreeSnapshot.Of(root);
        var clock = Stopwatch.StartNew();
        var error = Should.Throw<TException>(() => ImageBundler.Bundle(options, Ct));
        clock.Elapsed.ShouldBeLessThan(Bound);
        before.ShouldBeUnchanged(TreeSnapshot.Of(root));
        return error;
    }
}
