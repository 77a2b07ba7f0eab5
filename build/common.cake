// Paths and arguments shared by every area of the build.

var configuration = Argument("configuration", "Release");
var repoRoot = MakeAbsolute(Directory(".."));
var solution = repoRoot.CombineWithFilePath("Clawker.sln");
var artifacts = repoRoot.Combine("artifacts");
var packagesDir = artifacts.Combine("packages");
var testResultsDir = artifacts.Combine("test-results");
