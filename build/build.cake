// The repository's own build. Run it through ./build.sh or ./build.ps1 (which restore the
// pinned Cake.Tool first). Tasks live one file per area, loaded here.
//
//   ./build.sh                   Default: build, pack (and, as later work lands, prepare the agent image)
//   ./build.sh --target=Test     build and run every test, TRX in artifacts/test-results/
//   ./build.sh --target=Pack     nupkgs in artifacts/packages/

#load "common.cake"
#load "dotnet.cake"
#load "test.cake"
#load "agent.cake"

var target = Argument("target", "Default");

Task("Default")
    .IsDependentOn("Pack");

RunTarget(target);
