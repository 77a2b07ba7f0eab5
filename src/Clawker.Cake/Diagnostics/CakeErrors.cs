using Cake.Core;
using Clawker.Diagnostics;

namespace Clawker.Cake.Diagnostics;

/// <summary>Turns the library's coded failures into what a Cake script sees.</summary>
internal static class CakeErrors
{
    /// <summary>
    /// A <see cref="CakeException"/> whose message starts with the code (<c>CLAWKER2001: ...</c>), the
    /// same text the MSBuild surface reports, with the library exception kept as the inner one.
    /// </summary>
    public static CakeException From(ClawkerException exception) => new(exception.CodedMessage, exception);

    /// <summary>A failure the addin itself detects, with the code it belongs to.</summary>
    public static CakeException Coded(string code, string message) => new($"{code}: {message}");
}
