// Test: runs every test project (xunit.v3 on Microsoft.Testing.Platform, see global.json),
// writes TRX to artifacts/test-results/, and ends with one summary line counted from the TRX.
// With CLAWKER_TEST_PODMAN_HOST set (a podman API socket, as .ci/run sets it), the Docker tests
// run a second time against podman, so both engines are held to the same suite.

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(testResultsDir);
    var exitCode = RunTests(new ProcessArgumentBuilder()
        .Append("--solution").AppendQuoted(solution.FullPath)
        .Append("--results-directory").AppendQuoted(testResultsDir.FullPath));

    var podmanHost = EnvironmentVariable("CLAWKER_TEST_PODMAN_HOST");
    if (!string.IsNullOrEmpty(podmanHost))
    {
        Information("Docker tests again, against podman at {0}", podmanHost);
        var podmanExit = RunTests(
            new ProcessArgumentBuilder()
                .Append("--project").AppendQuoted(repoRoot.CombineWithFilePath("tests/Clawker.Tests/Clawker.Tests.csproj").FullPath)
                .Append("--results-directory").AppendQuoted(testResultsDir.Combine("podman").FullPath)
                .Append("--filter-namespace").Append("Clawker.Tests.Docker"),
            new Dictionary<string, string> { ["DOCKER_HOST"] = podmanHost });
        exitCode = exitCode != 0 ? exitCode : podmanExit;
    }

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

int RunTests(ProcessArgumentBuilder selection, IDictionary<string, string> environment = null)
{
    var arguments = new ProcessArgumentBuilder().Append("test");
    selection.CopyTo(arguments);
    arguments
        .Append("--configuration").Append(configuration)
        .Append("--no-build")
        .Append("--report-xunit-trx");
    return StartProcess("dotnet", new ProcessSettings
    {
        WorkingDirectory = repoRoot,
        Arguments = arguments,
        EnvironmentVariables = environment,
    });
}

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
