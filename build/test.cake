// Test: runs every test project (xunit.v3 on Microsoft.Testing.Platform, see global.json),
// writes TRX to artifacts/test-results/, and ends with one summary line counted from the TRX.
// With CLAWKER_TEST_PODMAN_HOST set (a podman API socket, as .ci/run sets it), the Docker tests
// run a second time against podman, so both engines are held to the same suite.

Task("Test")
    .Description("Builds and runs every test project; TRX in artifacts/test-results/, ends with the summary line.")
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

    var results = TrxResults(testResultsDir);
    int passed = results.Sum(r => r.Passed), failed = results.Sum(r => r.Failed), skipped = results.Sum(r => r.Skipped);
    // Every test project must have reported: a test host that crashed writes no TRX, and a
    // project that ran no test writes an empty one; either would vanish in the totals.
    var silent = GetFiles(repoRoot.FullPath + "/tests/*/*.csproj")
        .Select(p => p.GetFilenameWithoutExtension().FullPath)
        .Where(name => !results.Any(r => r.Assembly == name && r.Passed + r.Failed + r.Skipped > 0))
        .OrderBy(name => name, StringComparer.Ordinal)
        .ToList();
    var summary = $"tests: {passed} passed, {failed} failed, {skipped} skipped";
    System.IO.File.WriteAllText(testResultsDir.CombineWithFilePath("summary.txt").FullPath, summary + "\n");
    Information(summary);

    if (silent.Count > 0)
    {
        throw new CakeException(
            $"Tests failed: no test results from {string.Join(", ", silent)} (dotnet test exit code {exitCode}). " +
            "A test host that crashes writes no TRX, and a project without tests writes an empty one; the output above says which.");
    }
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
        .Append("--no-build"); // the TRX switches are the test projects' own (tests/Directory.Build.props)
    // dotnet test colours a terminal even under NO_COLOR (build.sh sets it when the output is
    // redirected; a user may set it): --no-ansi is its own switch.
    if (!string.IsNullOrEmpty(EnvironmentVariable("NO_COLOR")))
    {
        arguments.Append("--no-ansi");
    }
    return StartProcess("dotnet", new ProcessSettings
    {
        WorkingDirectory = repoRoot,
        Arguments = arguments,
        EnvironmentVariables = environment,
    });
}

// One entry per TRX file (one test host run): the test assembly it ran and its counts.
List<(string Assembly, int Passed, int Failed, int Skipped)> TrxResults(DirectoryPath dir)
{
    var results = new List<(string, int, int, int)>();
    foreach (var trx in GetFiles(dir.FullPath + "/**/*.trx"))
    {
        var doc = System.Xml.Linq.XDocument.Load(trx.FullPath);
        var storage = (string)doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "UnitTest")?.Attribute("storage");
        var assembly = storage is null ? "" : System.IO.Path.GetFileNameWithoutExtension(storage);
        int passed = 0, failed = 0, skipped = 0;
        foreach (var result in doc.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            switch ((string)result.Attribute("outcome"))
            {
                case "Passed": passed++; break;
                case "NotExecuted": case "NotRunnable": skipped++; break; // NotRunnable: an explicit test left out
                default: failed++; break;
            }
        }
        results.Add((assembly, passed, failed, skipped));
    }
    return results;
}
