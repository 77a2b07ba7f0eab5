// Test: runs every test project (xunit.v3 on Microsoft.Testing.Platform, see global.json),
// writes TRX to artifacts/test-results/, and ends with one summary line counted from the TRX.

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(testResultsDir);
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        WorkingDirectory = repoRoot,
        Arguments = new ProcessArgumentBuilder()
            .Append("test")
            .Append("--solution").AppendQuoted(solution.FullPath)
            .Append("--configuration").Append(configuration)
            .Append("--no-build")
            .Append("--results-directory").AppendQuoted(testResultsDir.FullPath)
            .Append("--report-xunit-trx"),
    });

    var (passed, failed, skipped) = CountTrxResults(testResultsDir);
    var summary = $"tests: {passed} passed, {failed} failed, {skipped} skipped";
    System.IO.File.WriteAllText(testResultsDir.CombineWithFilePath("summary.txt").FullPath, summary + "\n");
    Information(summary);

    if (exitCode != 0 || failed > 0)
    {
        throw new CakeException($"Tests failed (dotnet test exit code {exitCode}, {failed} failed).");
    }
    if (passed + failed == 0)
    {
        throw new CakeException("No test ran: check the test projects and the filters.");
    }
});

(int Passed, int Failed, int Skipped) CountTrxResults(DirectoryPath dir)
{
    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in GetFiles(dir.FullPath + "/**/*.trx"))
    {
        var doc = System.Xml.Linq.XDocument.Load(trx.FullPath);
        foreach (var result in doc.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            switch ((string)result.Attribute("outcome"))
            {
                case "Passed": passed++; break;
                case "NotExecuted": skipped++; break;
                default: failed++; break;
            }
        }
    }
    return (passed, failed, skipped);
}
