using System.Reflection;

namespace Clawker.Tests.Diagnostics;

public class ErrorCodesTests
{
    private static IEnumerable<string> AllCodes() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!);

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = AllCodes().ToList();
        codes.ShouldNotBeEmpty();
        codes.Distinct().Count().ShouldBe(codes.Count);
        codes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^CLAWKER[1-9][0-9]{3}$"));
    }

    [Fact]
    public void Every_code_is_documented_in_docs_errors_md()
    {
        var docs = File.ReadAllText(System.IO.Path.Combine(RepoRoot.Path, "docs", "errors.md"));
        foreach (var code in AllCodes())
        {
            docs.ShouldContain($"`{code}`", customMessage: $"{code} is missing from docs/errors.md");
        }
    }
}
