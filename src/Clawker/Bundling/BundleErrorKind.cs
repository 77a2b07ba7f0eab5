namespace Clawker.Bundling;

/// <summary>Why an agent image bundle could not be made. Each kind has one stable code (see <see cref="BundleException"/>).</summary>
public enum BundleErrorKind
{
    /// <summary>CLAWKER3001: an asset override or extra file is missing or unreadable.</summary>
    AssetUnreadable,

    /// <summary>CLAWKER3002: an image or bundle option is invalid, or a folder is not the bundle's own.</summary>
    InvalidOption,

    /// <summary>CLAWKER3003: the bundle's files cannot be written, or are missing when the image is built.</summary>
    FilesUnavailable,

    /// <summary>
    /// CLAWKER3004: an asset file is a link (or lies under one) that leads outside the folders assets may
    /// come from (<see cref="BundleOptions.AssetRoots"/>). A link planted in a pull request would otherwise
    /// copy a machine's secrets into the image.
    /// </summary>
    AssetOutsideTree,
}
