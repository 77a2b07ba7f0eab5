// The agent-image tasks, run by the main build (build/agent.cake) in a second Cake process
// after the library is built: Cake compiles a script before it runs, so a script can only
// reference what exists when it starts. This one references the Clawker library published
// by this run into artifacts/bin/Clawker/.

#r "../../artifacts/bin/Clawker/Clawker.dll"
#load "bundle.cake"

#load "volume.cake"
#load "image.cake"

var target = Argument("target", "Default");

Task("Smoke")
    .Does(() => Information("Clawker library loaded: {0}", typeof(Clawker.Diagnostics.ErrorCodes).Assembly.GetName().Version));

RunTarget(target);
