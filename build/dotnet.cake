// Clean, Build and Pack of the solution.

Task("Clean")
    .Description("Empties artifacts/ (packages, test results, agent image, addin cache) and cleans the solution.")
    .Does(() =>
{
    CleanDirectory(artifacts);
    DotNetClean(solution.FullPath, new DotNetCleanSettings { Configuration = configuration });
});

Task("Build")
    .Description("Builds Clawker.sln (--configuration=Release by default).")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("Pack")
    .Description("Builds, then packs the nupkgs into artifacts/packages/.")
    .IsDependentOn("Build")
    .Does(() =>
{
    EnsureDirectoryExists(packagesDir);
    DotNetPack(solution.FullPath, new DotNetPackSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = packagesDir,
    });
    Information("Packages in {0}", packagesDir);
});
