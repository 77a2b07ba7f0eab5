// The repository's own build. Run it through ./build.sh or ./build.ps1 (which restore the
// pinned Cake.Tool first). Tasks live one file per area, loaded here.
//
//   ./build.sh                   Default: build, pack, then prepare the agent image with the Clawker.Cake
//                                addin just packed: bundle it, validate credentials, ensure the volume
//                                (a missing login or Docker engine is a warning here)
//   ./build.sh --target=Prepare  the same, strict: fails without a Docker engine (see build/agent.cake)
//   ./build.sh --target=Test     build and run every test, TRX in artifacts/test-results/
//   ./build.sh --target=Pack     nupkgs in artifacts/packages/
//   ./build.sh --description     every target, with what it does (--tree: how they depend on each other)

#load "common.cake"
#load "dotnet.cake"
#load "test.cake"
#load "agent.cake"

var target = Argument("target", "Default");

Task("Default")
    .Description("Pack, then bundle the agent image, validate credentials, ensure the volume if Docker is reachable.")
    .IsDependentOn("Pack")
    .IsDependentOn("PrepareIfPossible");

RunTarget(target);
