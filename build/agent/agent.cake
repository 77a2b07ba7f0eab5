// The agent-image tasks, run by the main build (build/agent.cake) in a second Cake process once
// the Clawker.Cake package is packed: it loads that package the way users do, with #addin
// (generated into artifacts/agent-build/addin.cake by the main build's AgentAddin task, because
// the version and the feed's path are known only then). Run it through ./build.sh, not directly.

#load "../../artifacts/agent-build/addin.cake"
#load "bundle.cake"
#load "credentials.cake"
#load "volume.cake"
#load "image.cake"
#load "push.cake"

var target = Argument("target", "Default");

// Everything an agent needs before it starts. Strict: no Docker engine, no success.
Task("Prepare")
    .IsDependentOn("BundleAgentImage")
    .IsDependentOn("ValidateCredentials")
    .IsDependentOn("EnsureGlobalsVolume");

// What ./build.sh does with no target: the same, but a machine without Docker still succeeds.
Task("Default")
    .IsDependentOn("BundleAgentImage")
    .IsDependentOn("ValidateCredentials")
    .IsDependentOn("EnsureGlobalsVolumeIfReachable");

RunTarget(target);
