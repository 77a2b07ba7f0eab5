namespace Clawker.Tests.Infrastructure;

/// <summary>Assertions on message texts that several tests make in a row.</summary>
internal static class TextAssertions
{
    /// <summary>Asserts that <paramref name="actual"/> contains every part (as Shouldly's ShouldContain does), naming the first one missing.</summary>
    public static void ShouldContainAll(this string actual, params string[] parts)
    {
        foreach (var part in parts)
        {
            actual.ShouldContain(part);
        }
    }

    /// <summary>Asserts that <paramref name="actual"/> contains none of <paramref name="parts"/> (as Shouldly's ShouldNotContain does).</summary>
    public static void ShouldNotContainAny(this string actual, params string[] parts)
    {
        foreach (var part in parts)
        {
            actual.ShouldNotContain(part);
        }
    }
}
