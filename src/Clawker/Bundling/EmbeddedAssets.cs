namespace Clawker.Bundling;

/// <summary>The assets compiled into the library (Bundling/Assets), read once per process.</summary>
internal static class EmbeddedAssets
{
    private const string ResourcePrefix = "Clawker.Bundling.Assets.";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Assets = new(Load);

    /// <summary>The normalized bytes of the built-in asset <paramref name="name"/> (a name from <see cref="AssetNames"/>).</summary>
    public static byte[] Get(string name) =>
        Assets.Value.TryGetValue(name, out var bytes)
            ? bytes
            : throw new InvalidOperationException($"The Clawker library has no embedded asset '{name}'.");

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            result[resource[ResourcePrefix.Length..]] = TextContent.Normalize(buffer.ToArray());
        }

        return result;
    }
}
